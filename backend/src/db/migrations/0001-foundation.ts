import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';
import { TABLE_OPTIONS } from '../database.ts';

const id = { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false };
const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};

export const foundation: Migration = {
  name: '0001-foundation',
  async up({ context: qi }) {
    await qi.createTable(
      'companies',
      {
        id,
        code: { type: DataTypes.STRING(32), allowNull: false, unique: true },
        name: { type: DataTypes.STRING(128), allowNull: false },
        short_name: { type: DataTypes.STRING(32), allowNull: false },
        time_zone: { type: DataTypes.STRING(64), allowNull: false },
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.createTable(
      'business_halls',
      {
        id,
        company_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'companies', key: 'id' } },
        code: { type: DataTypes.STRING(32), allowNull: false },
        name: { type: DataTypes.STRING(128), allowNull: false },
        address: { type: DataTypes.STRING(255), allowNull: false },
        phone: { type: DataTypes.STRING(32), allowNull: false },
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('business_halls', ['company_id', 'code'], { unique: true, name: 'business_halls_company_code' });
    await qi.createTable(
      'users',
      {
        id,
        company_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'companies', key: 'id' } },
        username: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        display_name: { type: DataTypes.STRING(64), allowNull: false },
        role: { type: DataTypes.STRING(32), allowNull: false },
        grants: { type: DataTypes.TEXT, allowNull: false },
        extension: { type: DataTypes.STRING(16), allowNull: true },
        password_hash: { type: DataTypes.STRING(255), allowNull: false },
        disabled: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        last_login_at: { type: DataTypes.DATE(3), allowNull: true },
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('users', ['company_id', 'role'], { name: 'users_company_role' });
    await qi.addIndex('users', ['company_id', 'extension'], { unique: true, name: 'users_company_extension' });
    await qi.createTable(
      'sessions',
      {
        id,
        company_id: { type: DataTypes.INTEGER, allowNull: false },
        user_id: { type: DataTypes.INTEGER, allowNull: false, references: { model: 'users', key: 'id' } },
        token_hash: { type: DataTypes.STRING(64), allowNull: false, unique: true },
        expires_at: { type: DataTypes.DATE(3), allowNull: false },
        revoked_at: { type: DataTypes.DATE(3), allowNull: true },
        revoked_reason: { type: DataTypes.STRING(32), allowNull: true },
        ip: { type: DataTypes.STRING(64), allowNull: true },
        user_agent: { type: DataTypes.STRING(255), allowNull: true },
        ...timestamps,
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('sessions', ['user_id'], { name: 'sessions_user' });
    await qi.addIndex('sessions', ['expires_at'], { name: 'sessions_expires' });
    await qi.createTable(
      'login_throttles',
      {
        key: { type: DataTypes.STRING(160), primaryKey: true, allowNull: false },
        failures: { type: DataTypes.INTEGER, allowNull: false },
        window_started_at: { type: DataTypes.DATE(3), allowNull: false },
        locked_until: { type: DataTypes.DATE(3), allowNull: true },
      },
      TABLE_OPTIONS,
    );
    await qi.createTable(
      'audit_events',
      {
        id,
        company_id: { type: DataTypes.INTEGER, allowNull: false },
        seq: { type: DataTypes.INTEGER, allowNull: false },
        action: { type: DataTypes.STRING(64), allowNull: false },
        actor_user_id: { type: DataTypes.INTEGER, allowNull: true },
        actor_username: { type: DataTypes.STRING(64), allowNull: true },
        target_type: { type: DataTypes.STRING(64), allowNull: true },
        target_id: { type: DataTypes.STRING(64), allowNull: true },
        ip: { type: DataTypes.STRING(64), allowNull: true },
        details: { type: DataTypes.TEXT, allowNull: false },
        prev_hash: { type: DataTypes.STRING(64), allowNull: false },
        hash: { type: DataTypes.STRING(64), allowNull: false },
        created_at: { type: DataTypes.DATE(3), allowNull: false },
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('audit_events', ['company_id', 'seq'], { unique: true, name: 'audit_events_chain' });
    await qi.addIndex('audit_events', ['company_id', 'action'], { name: 'audit_events_action' });
    await qi.createTable(
      'audit_chain_heads',
      {
        company_id: { type: DataTypes.INTEGER, primaryKey: true, allowNull: false },
        last_seq: { type: DataTypes.INTEGER, allowNull: false },
        last_hash: { type: DataTypes.STRING(64), allowNull: false },
      },
      TABLE_OPTIONS,
    );
  },
  async down({ context: qi }) {
    for (const table of ['audit_chain_heads', 'audit_events', 'login_throttles', 'sessions', 'users', 'business_halls', 'companies']) {
      await qi.dropTable(table);
    }
  },
};
