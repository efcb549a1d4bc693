import { QueryTypes, type Model, type ModelStatic, type Transaction } from 'sequelize';
import { AppError } from '../shared/app-error.ts';
import { companyScope } from '../shared/request-context.ts';
import { tenantKeyOf } from './tenancy.ts';

/**
 * Inserts many rows in one statement without building a model instance per row, and returns
 * their ids in order: for the hot paths that take thousands of rows a second (a head-end's
 * readings), where `Model.bulkCreate` costs several times the database's own work. Rows carry
 * column values as stored (JSON already a string) under attribute names; timestamps are filled.
 * Tenancy holds as for every model: a row of another company than the caller's is refused.
 */
export async function insertRows<M extends Model>(model: ModelStatic<M>, rows: readonly Record<string, unknown>[], t: Transaction): Promise<number[]> {
  if (rows.length === 0) return [];
  const sequelize = model.sequelize!;
  if (sequelize.getDialect() === 'mysql') {
    const [first] = (await sequelize.query(insertSql(model, rows), { type: QueryTypes.INSERT, transaction: t })) as unknown as [number];
    return rows.map((_, i) => Number(first) + i);
  }
  const result = (await sequelize.getQueryInterface().bulkInsert(model.getTableName() as string, columnRecords(model, rows), { transaction: t })) as unknown as number;
  // SQLite answers with the last new id; a multi-row insert's ids are consecutive (MySQL and MariaDB answer with the first).
  const first = Number(result) - rows.length + 1;
  return rows.map((_, i) => first + i);
}

/**
 * Inserts rows or, where the primary key exists already, replaces the `update` attributes: the
 * same lean path for keeping derived rows (a meter's reading state) beside the rows they follow.
 */
export async function upsertRows<M extends Model>(model: ModelStatic<M>, rows: readonly Record<string, unknown>[], update: readonly string[], t: Transaction): Promise<void> {
  if (rows.length === 0) return;
  const attributes = model.getAttributes();
  const field = (name: string) => attributes[name]?.field ?? name;
  await model.sequelize!.getQueryInterface().bulkInsert(model.getTableName() as string, columnRecords(model, rows), {
    transaction: t,
    updateOnDuplicate: update.map(field),
    upsertKeys: model.primaryKeyAttributes.map(field),
  } as object);
}

/** Refuses any row of another company than the caller's. */
function assertTenancy<M extends Model>(model: ModelStatic<M>, rows: readonly Record<string, unknown>[]): void {
  const key = tenantKeyOf(model);
  const scope = companyScope();
  if (key && scope !== 'all' && rows.some((row) => row[key] !== scope)) throw AppError.notFound(model.name);
}

/** The model's timestamp attributes that have columns: filled with the time of the insert where a row has none. */
function stampsOf<M extends Model>(model: ModelStatic<M>): string[] {
  const attributes = model.getAttributes();
  return (['createdAt', 'updatedAt'] as const).filter((k) => k in attributes && attributes[k]!.field !== undefined);
}

/** Rows under column names with timestamps filled, after the tenancy check. */
function columnRecords<M extends Model>(model: ModelStatic<M>, rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  assertTenancy(model, rows);
  const attributes = model.getAttributes();
  const now = new Date();
  const stamps = stampsOf(model);
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) record[attributes[name]?.field ?? name] = value;
    for (const stamp of stamps) record[attributes[stamp]!.field!] ??= now;
    return record;
  });
}

// Control characters are exactly what SQL escaping is about.
// eslint-disable-next-line no-control-regex
const SPECIAL = /[\0\n\r\b\t\\'\x1a]/;
// eslint-disable-next-line no-control-regex
const SPECIALS = /[\0\n\r\b\t\\'\x1a]/g;
const ESCAPED: Record<string, string> = { '\0': '\\0', '\n': '\\n', '\r': '\\r', '\b': '\\b', '\t': '\\t', '\x1a': '\\Z', '\\': '\\\\', "'": "\\'" };

/** A value as a MySQL literal, escaped as mysql2 escapes it (backslash escapes; UTC timestamps with milliseconds). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a number a database can store: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (value instanceof Date) return `'${value.toISOString().slice(0, 23).replace('T', ' ')}'`;
  if (typeof value === 'string') return SPECIAL.test(value) ? `'${value.replace(SPECIALS, (c) => ESCAPED[c]!)}'` : `'${value}'`;
  throw new TypeError(`a row value must be stored as a string, number, boolean or date: ${typeof value}`);
}

/**
 * One multi-row INSERT, built here straight from the rows (after the tenancy check): Sequelize's
 * generic builder escapes value by value through its data types, which on a billing partition
 * costs more than the database's own work.
 */
function insertSql<M extends Model>(model: ModelStatic<M>, rows: readonly Record<string, unknown>[]): string {
  assertTenancy(model, rows);
  const attributes = model.getAttributes();
  const keys = new Set<string>();
  for (const row of rows) for (const key in row) keys.add(key);
  const names = [...new Set([...keys, ...stampsOf(model)])];
  const now = literal(new Date());
  const stamps = new Set(stampsOf(model));
  const values = rows.map((row) => `(${names.map((n) => (row[n] === undefined && stamps.has(n) ? now : literal(row[n]))).join(',')})`);
  return `INSERT INTO \`${model.getTableName() as string}\` (${names.map((n) => `\`${attributes[n]?.field ?? n}\``).join(',')}) VALUES ${values.join(',')}`;
}
