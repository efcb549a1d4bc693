import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';
import { TABLE_OPTIONS } from '../database.ts';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const companyId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'companies', key: 'id' } };
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const fen = { type: DataTypes.BIGINT, allowNull: false };
const time = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });

/**
 * The double-entry ledger: transactions (one money movement each, written once), their entries
 * (signed fen per book, summing to zero per transaction) and each account's balance, a cache of
 * the sum of its receivable entries.
 */
export const ledger: Migration = {
  name: '0007-ledger',
  async up({ context: qi }) {
    await qi.createTable(
      'ledger_transactions',
      {
        id,
        company_id: companyId,
        kind: str(16),
        idempotency_key: str(128),
        account_id: int(true),
        occurred_on: { type: DataTypes.DATEONLY, allowNull: false },
        reverses_id: { ...int(true), references: { model: 'ledger_transactions', key: 'id' } },
        source_type: str(32, true),
        source_id: int(true),
        memo: str(200),
        created_by: int(true),
        created_at: time(false),
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('ledger_transactions', ['company_id', 'idempotency_key'], { unique: true, name: 'ledger_transactions_company_key' });
    // A transaction is reversed at most once, whoever tries at the same moment.
    await qi.addIndex('ledger_transactions', ['reverses_id'], { unique: true, name: 'ledger_transactions_reverses' });
    await qi.addIndex('ledger_transactions', ['company_id', 'account_id'], { name: 'ledger_transactions_company_account' });
    await qi.createTable(
      'ledger_entries',
      {
        id,
        company_id: companyId,
        // No foreign key: MySQL would add an index of its own beside the one below, and every bill writes here.
        transaction_id: int(),
        book: str(48),
        account_id: int(true),
        accounting_code: str(32, true),
        amount_fen: fen,
      },
      TABLE_OPTIONS,
    );
    // An account's statement: its entries, grouped by transaction.
    await qi.addIndex('ledger_entries', ['account_id', 'transaction_id'], { name: 'ledger_entries_account_transaction' });
    await qi.addIndex('ledger_entries', ['transaction_id'], { name: 'ledger_entries_transaction' });
    await qi.createTable(
      'account_balances',
      {
        account_id: { ...int(), primaryKey: true },
        company_id: companyId,
        balance_fen: fen,
        updated_at: time(false),
      },
      TABLE_OPTIONS,
    );
  },
  async down({ context: qi }) {
    for (const table of ['account_balances', 'ledger_entries', 'ledger_transactions']) await qi.dropTable(table);
  },
};
