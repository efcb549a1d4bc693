/**
 * The test run's configuration: the one place the tests read the environment. Point the tests at
 * other servers with TEST_MARIADB_URL and TEST_REDIS_URL.
 */
const env = process.env;

export const testConfig = Object.freeze({
  /** MariaDB server (no database in the URL): tests create and drop their own databases. */
  mariadbServer: env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306',
  redisUrl: env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
  /** What a child process must inherit to find node, npm and the tools: nothing of the product's own config. */
  childBaseEnv: Object.freeze({ PATH: env.PATH ?? '', HOME: env.HOME ?? '' }),
});
