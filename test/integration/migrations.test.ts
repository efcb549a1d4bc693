import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Sequelize } from 'sequelize';
import { openDatabase } from '../../backend/src/db/database.ts';
import { MIGRATIONS, createMigrator, migrateUp } from '../../backend/src/db/migrator.ts';
import { createDatabase } from '../support/mariadb.ts';

const TABLES = [
  'account_balances', 'account_holders', 'account_status_events', 'accounts', 'audit_chain_heads', 'audit_events', 'bill_lines', 'billing_run_partitions', 'billing_runs', 'bills', 'business_halls', 'call_queues', 'calls', 'companies', 'contracts',
  'customer_phones', 'customers', 'discount_rules', 'hhu_imports', 'ledger_entries', 'ledger_transactions', 'login_throttles', 'meter_read_states', 'meter_readings', 'meter_status_events', 'meters',
  'number_sequences', 'premises', 'price_versions', 'reading_books', 'reading_cycles', 'reading_tasks', 'search_terms', 'sessions', 'stock_movements', 'tariffs', 'users', 'warehouses',
];

async function tablesOf(db: Sequelize): Promise<string[]> {
  const names = (await db.getQueryInterface().showAllTables()) as unknown[];
  return names
    .map((t) => (typeof t === 'string' ? t : (t as { tableName: string }).tableName))
    .filter((t) => t !== 'schema_migrations' && !t.startsWith('sqlite_'))
    .sort();
}

/** Up, down to nothing, and up again: every migration must run both ways on both dialects. */
async function roundTrip(db: Sequelize): Promise<void> {
  expect(await migrateUp(db)).to.deep.equal(MIGRATIONS.map((m) => m.name));
  expect(await tablesOf(db)).to.deep.equal(TABLES);
  expect(await migrateUp(db)).to.deep.equal([]);
  await createMigrator(db).down({ to: 0 });
  expect(await tablesOf(db)).to.deep.equal([]);
  expect(await migrateUp(db)).to.deep.equal(MIGRATIONS.map((m) => m.name));
  expect(await tablesOf(db)).to.deep.equal(TABLES);
}

describe('migrations run up and down on both dialects', () => {
  it('should round-trip on MariaDB and store Chinese text whole', async () => {
    const target = await createDatabase('migrate');
    const db = openDatabase(target.url, { poolMax: 1 });
    try {
      await roundTrip(db);
      await db.query("INSERT INTO companies (code, name, short_name, time_zone, created_at, updated_at) VALUES ('ZH', '钱江燃气有限公司𠀾', '钱江', 'Asia/Shanghai', NOW(), NOW())");
      const [rows] = await db.query("SELECT name FROM companies WHERE code = 'ZH'");
      expect(rows).to.deep.equal([{ name: '钱江燃气有限公司𠀾' }]);
    } finally {
      await db.close();
      await target.drop();
    }
  });

  it('should round-trip on SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gasdesk-migrate-'));
    const db = openDatabase(`sqlite:${join(dir, 'm.sqlite')}`);
    try {
      await roundTrip(db);
    } finally {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
