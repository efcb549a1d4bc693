import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';
import { TABLE_OPTIONS } from '../database.ts';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const companyId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'companies', key: 'id' } };
const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};
const createdAt = { created_at: { type: DataTypes.DATE, allowNull: false } };
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const date = (allowNull = false) => ({ type: DataTypes.DATEONLY, allowNull });

/** Customers, premises, accounts, meters, warehouses, stock movements and the registry's readings. */
export const registry: Migration = {
  name: '0002-registry',
  async up({ context: qi }) {
    await qi.addColumn('companies', 'account_no_prefix', { type: DataTypes.STRING(8), allowNull: false, defaultValue: '' });
    await qi.addColumn('companies', 'account_no_digits', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 8 });
    await qi.addColumn('companies', 'area_code', { type: DataTypes.STRING(4), allowNull: false, defaultValue: '' });
    await qi.createTable(
      'number_sequences',
      { company_id: { ...int(), primaryKey: true }, name: { ...str(32), primaryKey: true }, next_value: int() },
      TABLE_OPTIONS,
    );
    await qi.createTable(
      'customers',
      {
        id,
        company_id: companyId,
        customer_no: str(32),
        type: str(16),
        status: str(16),
        name: str(128),
        id_type: str(16, true),
        id_number: str(32, true),
        email: str(128, true),
        preferred_language: str(8),
        preferred_channel: str(16),
        note: str(500, true),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('customers', ['company_id', 'customer_no'], { unique: true, name: 'customers_company_no' });
    await qi.addIndex('customers', ['company_id', 'id_number'], { name: 'customers_company_id_number' });
    await qi.addIndex('customers', ['company_id', 'name'], { name: 'customers_company_name' });
    await qi.createTable(
      'customer_phones',
      {
        id,
        company_id: int(),
        customer_id: { ...int(), references: { model: 'customers', key: 'id' } },
        label: str(16),
        e164: str(20),
        contact_name: str(64, true),
        relation: str(32, true),
        position: int(),
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('customer_phones', ['company_id', 'e164'], { name: 'customer_phones_company_e164' });
    await qi.addIndex('customer_phones', ['customer_id'], { name: 'customer_phones_customer' });
    await qi.createTable(
      'premises',
      {
        id,
        company_id: companyId,
        district: str(32),
        community: str(64),
        building: str(16),
        unit: str(16),
        room: str(16),
        address_extra: str(128),
        full_address: str(300),
        service_area: str(32),
        phone_e164: str(20, true),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('premises', ['company_id', 'district', 'community', 'building', 'unit', 'room', 'address_extra'], {
      unique: true,
      name: 'premises_company_address',
    });
    await qi.addIndex('premises', ['company_id', 'phone_e164'], { name: 'premises_company_phone' });
    await qi.createTable(
      'accounts',
      {
        id,
        company_id: companyId,
        account_no: str(32),
        customer_id: { ...int(), references: { model: 'customers', key: 'id' } },
        premise_id: { ...int(), references: { model: 'premises', key: 'id' } },
        category: str(32),
        household_size: int(),
        reading_book_code: str(32, true),
        bill_delivery: str(16),
        status: str(16),
        opened_on: date(),
        closed_on: date(true),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('accounts', ['company_id', 'account_no'], { unique: true, name: 'accounts_company_no' });
    await qi.addIndex('accounts', ['customer_id'], { name: 'accounts_customer' });
    await qi.addIndex('accounts', ['premise_id'], { name: 'accounts_premise' });
    await qi.addIndex('accounts', ['company_id', 'reading_book_code'], { name: 'accounts_company_book' });
    await qi.createTable(
      'account_status_events',
      {
        id,
        company_id: int(),
        account_id: { ...int(), references: { model: 'accounts', key: 'id' } },
        from_status: str(16, true),
        to_status: str(16),
        on_date: date(),
        reason: str(200),
        user_id: int(true),
        ...createdAt,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('account_status_events', ['account_id'], { name: 'account_status_events_account' });
    await qi.createTable(
      'account_holders',
      {
        id,
        company_id: int(),
        account_id: { ...int(), references: { model: 'accounts', key: 'id' } },
        customer_id: { ...int(), references: { model: 'customers', key: 'id' } },
        from_date: date(),
        to_date: date(true),
        start_reading: { type: DataTypes.DECIMAL(14, 3), allowNull: true },
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('account_holders', ['account_id'], { name: 'account_holders_account' });
    await qi.addIndex('account_holders', ['customer_id'], { name: 'account_holders_customer' });
    await qi.createTable('warehouses', { id, company_id: companyId, code: str(32), name: str(64), address: str(128) }, TABLE_OPTIONS);
    await qi.addIndex('warehouses', ['company_id', 'code'], { unique: true, name: 'warehouses_company_code' });
    await qi.createTable(
      'meters',
      {
        id,
        company_id: companyId,
        serial: str(32),
        kind: str(16),
        maker: str(32),
        model: str(32),
        register_digits: int(),
        max_flow: { type: DataTypes.DECIMAL(10, 4), allowNull: false },
        has_corrector: { type: DataTypes.BOOLEAN, allowNull: false },
        status: str(16),
        account_id: { ...int(true), references: { model: 'accounts', key: 'id' } },
        warehouse_id: { ...int(true), references: { model: 'warehouses', key: 'id' } },
        installed_on: date(true),
        manufactured_on: date(true),
        next_verification_due: date(true),
        ic_card_no: str(32, true),
        ic_card_maker: str(32, true),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('meters', ['company_id', 'serial'], { unique: true, name: 'meters_company_serial' });
    await qi.addIndex('meters', ['company_id', 'ic_card_no'], { name: 'meters_company_card' });
    await qi.addIndex('meters', ['account_id'], { name: 'meters_account' });
    await qi.addIndex('meters', ['company_id', 'status', 'model'], { name: 'meters_company_status_model' });
    await qi.addIndex('meters', ['company_id', 'next_verification_due'], { name: 'meters_company_verification' });
    await qi.createTable(
      'meter_status_events',
      {
        id,
        company_id: int(),
        meter_id: { ...int(), references: { model: 'meters', key: 'id' } },
        from_status: str(16, true),
        to_status: str(16),
        on_date: date(),
        account_id: int(true),
        note: str(200),
        user_id: int(true),
        ...createdAt,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('meter_status_events', ['meter_id'], { name: 'meter_status_events_meter' });
    await qi.createTable(
      'stock_movements',
      {
        id,
        company_id: int(),
        meter_id: { ...int(), references: { model: 'meters', key: 'id' } },
        kind: str(32),
        from_warehouse_id: int(true),
        to_warehouse_id: int(true),
        account_id: int(true),
        moved_on: date(),
        note: str(200),
        user_id: int(true),
        ...createdAt,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('stock_movements', ['meter_id'], { name: 'stock_movements_meter' });
    await qi.addIndex('stock_movements', ['company_id', 'to_warehouse_id'], { name: 'stock_movements_to' });
    await qi.addIndex('stock_movements', ['company_id', 'from_warehouse_id'], { name: 'stock_movements_from' });
    await qi.createTable(
      'meter_readings',
      {
        id,
        company_id: int(),
        meter_id: { ...int(), references: { model: 'meters', key: 'id' } },
        account_id: int(true),
        value: { type: DataTypes.DECIMAL(14, 3), allowNull: false },
        read_on: date(),
        reason: str(16),
        source: str(16),
        user_id: int(true),
        ...createdAt,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('meter_readings', ['meter_id', 'read_on'], { name: 'meter_readings_meter_date' });
    await qi.addIndex('meter_readings', ['account_id', 'read_on'], { name: 'meter_readings_account_date' });
  },
  async down({ context: qi }) {
    for (const table of [
      'meter_readings',
      'stock_movements',
      'meter_status_events',
      'meters',
      'warehouses',
      'account_holders',
      'account_status_events',
      'accounts',
      'premises',
      'customer_phones',
      'customers',
      'number_sequences',
    ]) {
      await qi.dropTable(table);
    }
    await qi.removeColumn('companies', 'area_code');
    await qi.removeColumn('companies', 'account_no_digits');
    await qi.removeColumn('companies', 'account_no_prefix');
  },
};
