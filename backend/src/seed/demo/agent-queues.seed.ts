import { Op } from 'sequelize';
import type { DemoSeedStep } from '../demo-seed.ts';
import { Company } from '../../modules/companies/company.model.ts';
import { User } from '../../modules/users/user.model.ts';
import { DEMO_COMPANY_CODES } from './companies-and-users.seed.ts';

/** The simulated PBX's queues, as demo agents are put in them. */
const QUEUES_BY_ROLE = {
  /** The general line, the billing line and the gas-odour priority lane. */
  agent: ['gas-service', 'gas-billing', 'gas-emergency'],
  /** Supervisors help out on the priority lane only. */
  supervisor: ['gas-emergency'],
} as const;

/** Demo agents' queue memberships, as an admin would set them (`PATCH /api/users/:id`). */
export const agentQueuesDemo: DemoSeedStep = {
  name: '0003-agent-queues',
  async run() {
    const demoCompanies = await Company.findAll({ where: { code: [...DEMO_COMPANY_CODES] }, attributes: ['id'] });
    for (const [role, queues] of Object.entries(QUEUES_BY_ROLE)) {
      const users = await User.findAll({ where: { role, extension: { [Op.ne]: null }, companyId: demoCompanies.map((c) => c.id) } });
      for (const user of users) await user.update({ queues: [...queues] });
    }
  },
};
