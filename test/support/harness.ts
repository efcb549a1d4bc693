import { loadConfig, type Config } from '../../backend/src/config/config.ts';
import { createContainer, type Container } from '../../backend/src/container.ts';
import { migrateUp } from '../../backend/src/db/migrator.ts';
import { createLogger } from '../../backend/src/shared/logger.ts';
import { startWebServer, type RunningServer } from '../../backend/src/server.ts';
import { createDatabase, REDIS_URL } from './mariadb.ts';

export interface TestApp {
  c: Container;
  server: RunningServer;
  url: string;
}

let current: (TestApp & { dropDatabase(): Promise<void> }) | null = null;

/** The environment every test process gets: silent logs, an ephemeral port, a Redis prefix of its own. */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    TRUST_PROXY: '1',
    REDIS_URL,
    REDIS_PREFIX: `gasdesk-test-${process.pid}`,
    DESK_DIST: 'desk/dist',
    ...overrides,
  };
}

/** One migrated MariaDB database and one running server for the whole integration run. */
export async function startSharedApp(): Promise<TestApp> {
  const db = await createDatabase('it');
  const config: Config = loadConfig(testEnv({ DATABASE_URL: db.url }));
  const c = createContainer(config, createLogger('silent'));
  await migrateUp(c.sequelize);
  const server = await startWebServer(c);
  current = { c, server, url: server.url, dropDatabase: db.drop };
  return current;
}

export async function stopSharedApp(): Promise<void> {
  if (!current) return;
  await current.server.close();
  await current.c.close();
  await current.dropDatabase();
  current = null;
}

/** The running app of this integration run. */
export function app(): TestApp {
  if (!current) throw new Error('the integration hooks did not start the app');
  return current;
}
