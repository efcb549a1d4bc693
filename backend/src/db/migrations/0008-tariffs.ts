import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';
import { TABLE_OPTIONS } from '../database.ts';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const companyId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'companies', key: 'id' } };
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const date = (allowNull = false) => ({ type: DataTypes.DATEONLY, allowNull });
const text = (allowNull = false) => ({ type: DataTypes.TEXT, allowNull });
const bool = { type: DataTypes.BOOLEAN, allowNull: false };
const time = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const timestamps = { created_at: time(false), updated_at: time(false) };

/**
 * Prices as data: price lists (one per user category and charge kind) and their dated versions,
 * contracts with negotiated versions of their own, discount rules, each company's billing
 * settings and the account flags discount rules ask for.
 */
export const tariffs: Migration = {
  name: '0008-tariffs',
  async up({ context: qi }) {
    await qi.addColumn('companies', 'billing_settings', text(true));
    await qi.addColumn('accounts', 'flags', text(true));
    await qi.createTable(
      'tariffs',
      {
        id,
        company_id: companyId,
        code: str(32),
        name: str(64),
        category: str(32),
        charge_kind: str(32),
        accounting_code: str(32),
        active: bool,
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('tariffs', ['company_id', 'code'], { unique: true, name: 'tariffs_company_code' });
    // A bill finds its price by the account's category: two lists for the same charge would be a guess.
    await qi.addIndex('tariffs', ['company_id', 'category', 'charge_kind'], { unique: true, name: 'tariffs_company_category_kind' });
    await qi.createTable(
      'contracts',
      {
        id,
        company_id: companyId,
        contract_no: str(32),
        account_id: { ...int(), references: { model: 'accounts', key: 'id' } },
        starts_on: date(),
        ends_on: date(true),
        minimum_monthly_volume: { type: DataTypes.DECIMAL(14, 3), allowNull: true },
        billing_day: int(true),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('contracts', ['company_id', 'contract_no'], { unique: true, name: 'contracts_company_no' });
    await qi.addIndex('contracts', ['account_id', 'starts_on'], { name: 'contracts_account' });
    await qi.createTable(
      'price_versions',
      {
        id,
        company_id: companyId,
        // Exactly one of the two is set: a version belongs to a price list or to a contract.
        tariff_id: { ...int(true), references: { model: 'tariffs', key: 'id' } },
        contract_id: { ...int(true), references: { model: 'contracts', key: 'id' } },
        effective_from: date(),
        pricing: text(),
        note: str(200),
        created_by: int(true),
        created_at: time(false),
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('price_versions', ['tariff_id', 'effective_from'], { unique: true, name: 'price_versions_tariff_day' });
    await qi.addIndex('price_versions', ['contract_id', 'effective_from'], { unique: true, name: 'price_versions_contract_day' });
    await qi.createTable(
      'discount_rules',
      {
        id,
        company_id: companyId,
        code: str(32),
        name: str(64),
        charge_kind: str(32),
        categories: text(),
        flags: text(),
        valid_from: date(true),
        valid_to: date(true),
        form: text(),
        accounting_code: str(32),
        active: bool,
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('discount_rules', ['company_id', 'code'], { unique: true, name: 'discount_rules_company_code' });
  },
  async down({ context: qi }) {
    for (const table of ['discount_rules', 'price_versions', 'contracts', 'tariffs']) await qi.dropTable(table);
    await qi.removeColumn('accounts', 'flags');
    await qi.removeColumn('companies', 'billing_settings');
  },
};
