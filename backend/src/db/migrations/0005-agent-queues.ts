import { DataTypes } from 'sequelize';
import type { Migration } from '../migrator.ts';

/** The PBX queues an admin puts an agent in (a JSON array of queue names; empty: the company's queues). */
export const agentQueues: Migration = {
  name: '0005-agent-queues',
  async up({ context: qi }) {
    await qi.addColumn('users', 'queues', { type: DataTypes.STRING(1024), allowNull: false, defaultValue: '[]' });
  },
  async down({ context: qi }) {
    await qi.removeColumn('users', 'queues');
  },
};
