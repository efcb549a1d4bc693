import mysql from 'mysql2/promise';
import { testConfig } from './test-config.ts';

/** The MariaDB server the integration tests use (root, empty password, as on the project's machines). */
export const MARIADB_SERVER = testConfig.mariadbServer;
export const REDIS_URL = testConfig.redisUrl;

/** Creates an empty database with a name unique to this run and returns its URL. */
export async function createDatabase(label: string): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `gasdesk_${label}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/gi, '_');
  const admin = await mysql.createConnection(MARIADB_SERVER);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: `${MARIADB_SERVER}/${name}`,
    async drop() {
      const conn = await mysql.createConnection(MARIADB_SERVER);
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}
