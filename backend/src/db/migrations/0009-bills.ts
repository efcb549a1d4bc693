import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';
import { TABLE_OPTIONS } from '../database.ts';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const companyId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'companies', key: 'id' } };
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const date = (allowNull = false) => ({ type: DataTypes.DATEONLY, allowNull });
const fen = (allowNull = false) => ({ type: DataTypes.BIGINT, allowNull });
const time = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const text = (allowNull = true) => ({ type: DataTypes.TEXT, allowNull });
const timestamps = { created_at: time(false), updated_at: time(false) };

/**
 * Bills and their lines, and billing runs: a run's accounts are split into partitions (ranges of
 * account ids), each billed in one transaction, so a run that stops resumes at the partitions
 * not done and a bill is never written twice (`(account, period, revision)` is unique).
 */
export const bills: Migration = {
  name: '0009-bills',
  async up({ context: qi }) {
    await qi.createTable(
      'billing_runs',
      {
        id,
        company_id: companyId,
        period: str(7),
        book_code: str(32, true),
        schedule: str(16, true),
        bill_date: date(),
        status: str(16),
        partitions: int(),
        partitions_done: int(),
        accounts: int(),
        billed: int(),
        skipped: int(),
        total_fen: fen(),
        // JSON: fen by charge kind; skipped accounts by reason.
        totals: text(),
        skips: text(),
        requested_by: int(true),
        started_at: time(),
        finished_at: time(),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('billing_runs', ['company_id', 'period'], { name: 'billing_runs_company_period' });
    // Every api process asks once a second for the runs in progress and those just ended.
    await qi.addIndex('billing_runs', ['status', 'updated_at'], { name: 'billing_runs_status_updated' });
    await qi.createTable(
      'billing_run_partitions',
      {
        id,
        company_id: companyId,
        run_id: { ...int(), references: { model: 'billing_runs', key: 'id' } },
        seq: int(),
        first_account_id: int(),
        last_account_id: int(),
        status: str(16),
        accounts: int(),
        billed: int(),
        skipped: int(),
        total_fen: fen(),
        totals: text(),
        skips: text(),
        // JSON: [accountId, reason] of each account skipped.
        skipped_accounts: text(),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('billing_run_partitions', ['run_id', 'seq'], { unique: true, name: 'billing_run_partitions_run_seq' });
    await qi.createTable(
      'bills',
      {
        id,
        company_id: companyId,
        bill_no: str(48),
        account_id: { ...int(), references: { model: 'accounts', key: 'id' } },
        period: str(7),
        // 0 for the first bill of the period; a rebill is the next revision and replaces the reversed one.
        revision: int(),
        status: str(16),
        period_from: date(),
        period_to: date(),
        volume: { type: DataTypes.DECIMAL(14, 3), allowNull: false },
        total_fen: fen(),
        issued_on: date(),
        due_on: date(),
        estimated: { type: DataTypes.BOOLEAN, allowNull: false },
        delivery: str(16),
        delivery_status: str(16),
        cycle_start: date(true),
        cycle_volume: { type: DataTypes.DECIMAL(14, 3), allowNull: true },
        explanation: text(false),
        replaces_id: int(true),
        reversed_at: time(),
        reversal_reason: str(200, true),
        run_id: int(true),
        created_by: int(true),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('bills', ['account_id', 'period', 'revision'], { unique: true, name: 'bills_account_period_revision' });
    await qi.addIndex('bills', ['company_id', 'bill_no'], { unique: true, name: 'bills_company_no' });
    await qi.addIndex('bills', ['run_id'], { name: 'bills_run' });
    await qi.createTable(
      'bill_lines',
      {
        id,
        company_id: companyId,
        bill_id: { ...int(), references: { model: 'bills', key: 'id' } },
        seq: int(),
        charge_kind: str(24),
        role: str(16),
        slice_from: date(),
        slice_to: date(),
        tier: int(true),
        volume: { type: DataTypes.DECIMAL(14, 3), allowNull: true },
        unit_price: { type: DataTypes.DECIMAL(12, 4), allowNull: true },
        unrounded_fen: { type: DataTypes.DECIMAL(20, 5), allowNull: false },
        amount_fen: fen(),
        accounting_code: str(32),
        price_version_id: int(true),
        discount_rule_id: int(true),
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('bill_lines', ['bill_id'], { name: 'bill_lines_bill' });
    await qi.addIndex('bill_lines', ['price_version_id'], { name: 'bill_lines_price_version' });
  },
  async down({ context: qi }) {
    for (const table of ['bill_lines', 'bills', 'billing_run_partitions', 'billing_runs']) await qi.dropTable(table);
  },
};
