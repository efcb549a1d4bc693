import { Umzug, SequelizeStorage } from 'umzug';
import type { Container } from '../container.ts';
import { runAsSystem } from '../shared/request-context.ts';
import { companiesAndUsers } from './demo/companies-and-users.seed.ts';
import { agentQueuesDemo } from './demo/agent-queues.seed.ts';
import { billingDemo } from './demo/billing.seed.ts';
import { readingsDemo } from './demo/readings.seed.ts';
import { registryDemo } from './demo/registry.seed.ts';

/** What a seed step may print for the person starting the demo (logins, hints). */
export interface SeedReport {
  lines: string[];
}

export interface DemoSeedStep {
  /** Stable name; a step runs once per database. */
  name: string;
  run(c: Container, report: SeedReport): Promise<void>;
}

/** Demo data, one step per module, in order. Modules append theirs; a step never changes once released. */
export const DEMO_SEED_STEPS: readonly DemoSeedStep[] = [companiesAndUsers, registryDemo, agentQueuesDemo, readingsDemo, billingDemo];

/**
 * Runs the demo seed steps this database has not had yet. Steps are tracked like migrations, so a
 * demo database started before a module landed receives that module's demo data on the next start.
 */
export async function seedDemo(c: Container, steps: readonly DemoSeedStep[] = DEMO_SEED_STEPS): Promise<SeedReport> {
  const report: SeedReport = { lines: [] };
  const umzug = new Umzug({
    migrations: steps.map((step) => ({ name: step.name, up: () => runAsSystem(`demo seed ${step.name}`, () => step.run(c, report)) })),
    // A model name of its own: umzug's default one is the migrator's, which would log seed steps among the migrations (and skip a step named like one).
    storage: new SequelizeStorage({ sequelize: c.sequelize, modelName: 'DemoSeedLog', tableName: 'demo_seed_log' }),
    logger: undefined,
  });
  await umzug.up();
  return report;
}
