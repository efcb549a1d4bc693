import type { Model, ModelStatic, Transaction } from 'sequelize';
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
  const result = (await sequelize.getQueryInterface().bulkInsert(model.getTableName() as string, columnRecords(model, rows), { transaction: t })) as unknown as number;
  // MySQL and MariaDB answer with the first new id, SQLite with the last; a multi-row insert's ids are consecutive in both.
  const first = sequelize.getDialect() === 'sqlite' ? Number(result) - rows.length + 1 : Number(result);
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

/** Rows under column names with timestamps filled, after refusing any row of another company than the caller's. */
function columnRecords<M extends Model>(model: ModelStatic<M>, rows: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const key = tenantKeyOf(model);
  const scope = companyScope();
  if (key && scope !== 'all' && rows.some((row) => row[key] !== scope)) throw AppError.notFound(model.name);
  const attributes = model.getAttributes();
  const now = new Date();
  const stamps = (['createdAt', 'updatedAt'] as const).filter((k) => k in attributes && attributes[k]!.field !== undefined);
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) record[attributes[name]?.field ?? name] = value;
    for (const stamp of stamps) record[attributes[stamp]!.field!] ??= now;
    return record;
  });
}
