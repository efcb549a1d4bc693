import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';
import { TABLE_OPTIONS } from '../database.ts';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const companyId = { type: DataTypes.INTEGER, allowNull: false, references: { model: 'companies', key: 'id' } };
const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const date = (allowNull = false) => ({ type: DataTypes.DATEONLY, allowNull });
const volume = (allowNull = true) => ({ type: DataTypes.DECIMAL(14, 3), allowNull });
const time = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });
const timestamps = { created_at: time(false), updated_at: time(false) };

/**
 * Meter reading: reading books (a book's accounts are those whose `reading_book_code` names it,
 * in `reading_sequence` order), cycles and their expected readings (tasks), handheld-file imports,
 * each meter's reading state, and the columns that make `meter_readings` carry regular reads with
 * their validation outcome.
 */
export const readings: Migration = {
  name: '0006-readings',
  async up({ context: qi }) {
    await qi.addColumn('companies', 'reading_rules', { type: DataTypes.TEXT, allowNull: true });
    await qi.addColumn('accounts', 'reading_sequence', { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 });
    await qi.createTable(
      'reading_books',
      {
        id,
        company_id: companyId,
        code: str(32),
        name: str(64),
        reader_id: { ...int(true), references: { model: 'users', key: 'id' } },
        schedule: str(16),
        read_day: int(),
        active: { type: DataTypes.BOOLEAN, allowNull: false },
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('reading_books', ['company_id', 'code'], { unique: true, name: 'reading_books_company_code' });
    await qi.createTable(
      'reading_cycles',
      {
        id,
        company_id: companyId,
        book_id: { ...int(), references: { model: 'reading_books', key: 'id' } },
        period: str(7),
        status: str(16),
        // Who reads it: the book's reader when the cycle was opened.
        reader_id: int(true),
        planned_on: date(),
        closed_at: time(),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('reading_cycles', ['book_id', 'period'], { unique: true, name: 'reading_cycles_book_period' });
    await qi.addIndex('reading_cycles', ['company_id', 'period'], { name: 'reading_cycles_company_period' });
    await qi.createTable(
      'reading_tasks',
      {
        id,
        company_id: companyId,
        cycle_id: { ...int(), references: { model: 'reading_cycles', key: 'id' } },
        account_id: int(),
        meter_id: int(),
        sequence: int(),
        status: str(16),
        reading_id: int(true),
        fault_code: str(32, true),
        note: str(200, true),
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('reading_tasks', ['cycle_id', 'meter_id'], { unique: true, name: 'reading_tasks_cycle_meter' });
    // A head-end's reading answers the meter's open task, whichever book it is in.
    await qi.addIndex('reading_tasks', ['meter_id', 'status'], { name: 'reading_tasks_meter_status' });
    await qi.createTable(
      'hhu_imports',
      {
        id,
        company_id: companyId,
        cycle_id: { ...int(), references: { model: 'reading_cycles', key: 'id' } },
        file_sha256: str(64),
        file_name: str(200),
        rows: int(),
        accepted: int(),
        exceptions: int(),
        faults: int(),
        problems: { type: DataTypes.TEXT, allowNull: false },
        user_id: int(true),
        created_at: time(false),
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('hhu_imports', ['company_id', 'file_sha256'], { unique: true, name: 'hhu_imports_company_file' });
    await qi.createTable(
      'meter_read_states',
      {
        meter_id: { ...int(), primaryKey: true },
        company_id: companyId,
        last_reading_id: int(),
        last_value: volume(false),
        last_read_on: date(),
        last_read_at: time(),
        last_kind: str(16),
        // Actual reads behind the average, and the average m³ a day over them (a bounded window).
        actual_periods: int(),
        actual_days: int(),
        actual_volume: volume(false),
        consecutive_estimates: int(),
        updated_at: time(false),
      },
      TABLE_OPTIONS,
    );
    await qi.addColumn('meter_readings', 'kind', { ...str(16), defaultValue: 'actual' });
    await qi.addColumn('meter_readings', 'status', { ...str(16), defaultValue: 'accepted' });
    await qi.addColumn('meter_readings', 'read_at', time());
    await qi.addColumn('meter_readings', 'task_id', int(true));
    await qi.addColumn('meter_readings', 'consumption', volume());
    await qi.addColumn('meter_readings', 'standard_value', volume());
    await qi.addColumn('meter_readings', 'rollover', { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false });
    await qi.addColumn('meter_readings', 'problems', { type: DataTypes.TEXT, allowNull: true });
    await qi.addColumn('meter_readings', 'note', str(200, true));
    await qi.addColumn('meter_readings', 'resolution', str(16, true));
    await qi.addColumn('meter_readings', 'resolved_by', int(true));
    await qi.addColumn('meter_readings', 'resolved_at', time());
    // A head-end re-sending a reading finds it again: one reading per meter and moment.
    await qi.addIndex('meter_readings', ['meter_id', 'read_at'], { unique: true, name: 'meter_readings_meter_moment' });
    await qi.addIndex('meter_readings', ['company_id', 'status', 'read_on'], { name: 'meter_readings_company_status' });
  },
  async down({ context: qi }) {
    await qi.removeIndex('meter_readings', 'meter_readings_company_status');
    await qi.removeIndex('meter_readings', 'meter_readings_meter_moment');
    for (const column of ['kind', 'status', 'read_at', 'task_id', 'consumption', 'standard_value', 'rollover', 'problems', 'note', 'resolution', 'resolved_by', 'resolved_at']) {
      await qi.removeColumn('meter_readings', column);
    }
    for (const table of ['meter_read_states', 'hhu_imports', 'reading_tasks', 'reading_cycles', 'reading_books']) await qi.dropTable(table);
    await qi.removeColumn('accounts', 'reading_sequence');
    await qi.removeColumn('companies', 'reading_rules');
  },
};
