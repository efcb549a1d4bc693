import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';
import { TABLE_OPTIONS } from '../database.ts';

const str = (n: number, allowNull = false) => ({ type: DataTypes.STRING(n), allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
// Milliseconds kept: the events' times carry them, and a leg read back must equal the leg just written.
const time = (allowNull = true) => ({ type: DataTypes.DATE(3), allowNull });

/** The call log (one row per agent leg of a PBX call) and which company owns which PBX queue. */
export const callCenter: Migration = {
  name: '0004-call-center',
  async up({ context: qi }) {
    await qi.createTable(
      'call_queues',
      {
        name: { ...str(64), primaryKey: true },
        company_id: { ...int(), references: { model: 'companies', key: 'id' } },
        created_at: time(false),
      },
      TABLE_OPTIONS,
    );
    await qi.createTable(
      'calls',
      {
        id: { type: DataTypes.INTEGER, autoIncrement: true, primaryKey: true, allowNull: false },
        company_id: { ...int(), references: { model: 'companies', key: 'id' } },
        pbx_call_id: str(64),
        // The extension the leg rang; part of the idempotency key, so a replayed event finds its row.
        agent_extension: str(16),
        direction: str(8),
        status: str(16),
        caller_e164: str(32, true),
        queue: str(64, true),
        lane: str(32, true),
        agent_id: { ...int(true), references: { model: 'users', key: 'id' } },
        customer_id: { ...int(true), references: { model: 'customers', key: 'id' } },
        account_id: { ...int(true), references: { model: 'accounts', key: 'id' } },
        queued_at: time(),
        ringing_at: time(),
        answered_at: time(),
        ended_at: time(),
        // When the leg began (queued, rung or dialled): the list's order and its from/to filter.
        started_at: time(false),
        wait_seconds: int(true),
        talk_seconds: int(true),
        end_reason: str(16, true),
        transfer_target: str(32, true),
        disposition: str(32, true),
        note: { type: DataTypes.TEXT, allowNull: true },
        wrapped_up_at: time(),
        recording_ref: str(255, true),
        created_at: time(false),
        updated_at: time(false),
      },
      TABLE_OPTIONS,
    );
    await qi.addIndex('calls', ['company_id', 'pbx_call_id', 'agent_extension'], { unique: true, name: 'calls_company_call_leg' });
    await qi.addIndex('calls', ['company_id', 'started_at'], { name: 'calls_company_started' });
    await qi.addIndex('calls', ['customer_id', 'started_at'], { name: 'calls_customer_started' });
    await qi.addIndex('calls', ['account_id', 'started_at'], { name: 'calls_account_started' });
    await qi.addIndex('calls', ['agent_id', 'started_at'], { name: 'calls_agent_started' });
  },
  async down({ context: qi }) {
    await qi.dropTable('calls');
    await qi.dropTable('call_queues');
  },
};
