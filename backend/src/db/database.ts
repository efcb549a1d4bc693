import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { format } from 'mysql2';
import { Sequelize, Transaction, type Options } from 'sequelize';

export type Dialect = 'mysql' | 'sqlite';

export function dialectOf(url: string): Dialect {
  return url.startsWith('sqlite:') ? 'sqlite' : 'mysql';
}

/**
 * Opens the database named by `DATABASE_URL`. Both dialects store UTC; MySQL returns BIGINT and
 * DECIMAL as strings so that money and volumes never pass through a float.
 */
export function openDatabase(url: string, options: { poolMax?: number } = {}): Sequelize {
  const common: Options = {
    logging: false,
    define: { underscored: true, timestamps: true },
  };
  if (dialectOf(url) === 'sqlite') {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    const storage = file === ':memory:' ? file : resolve(file);
    if (storage !== ':memory:') mkdirSync(dirname(storage), { recursive: true });
    // IMMEDIATE: a writing transaction takes the write lock up front instead of failing with SQLITE_BUSY halfway.
    return new Sequelize({ ...common, dialect: 'sqlite', storage, transactionType: Transaction.TYPES.IMMEDIATE });
  }
  return new Sequelize(url.replace(/^mariadb:/, 'mysql:'), {
    ...common,
    dialect: 'mysql',
    timezone: '+00:00',
    dialectOptions: { supportBigNumbers: true, bigNumberStrings: true, charset: 'utf8mb4', queryFormat: passThroughFormat },
    pool: { max: options.poolMax ?? 10, min: 0, idle: 10_000, acquire: 30_000 },
  });
}

/**
 * Sequelize inlines replacements and sends bind parameters through `execute`, so a plain query
 * reaches mysql2 with no values; mysql2 would still scan the whole text for `?` placeholders,
 * which on a multi-row INSERT of a billing partition costs more than building it.
 */
function passThroughFormat(sql: string, values: unknown): string {
  return Array.isArray(values) && values.length > 0 ? format(sql, values, false, '+00:00') : sql;
}

/** Table options every migration uses so that Chinese text is stored whole on MySQL. */
export const TABLE_OPTIONS = { charset: 'utf8mb4', collate: 'utf8mb4_unicode_ci' } as const;
