import { Umzug, SequelizeStorage, type MigrationParams } from 'umzug';
import type { QueryInterface, Sequelize } from 'sequelize';
import { foundation } from './migrations/0001-foundation.ts';
import { registry } from './migrations/0002-registry.ts';
import { searchTerms } from './migrations/0003-search-terms.ts';
import { callCenter } from './migrations/0004-call-center.ts';
import { agentQueues } from './migrations/0005-agent-queues.ts';
import { readings } from './migrations/0006-readings.ts';
import { ledger } from './migrations/0007-ledger.ts';
import { tariffs } from './migrations/0008-tariffs.ts';
import { bills } from './migrations/0009-bills.ts';

export interface Migration {
  name: string;
  up(params: MigrationParams<QueryInterface>): Promise<void>;
  down(params: MigrationParams<QueryInterface>): Promise<void>;
}

/** Every migration in order. A module appends its own; names never change once released. */
export const MIGRATIONS: readonly Migration[] = [foundation, registry, searchTerms, callCenter, agentQueues, readings, ledger, tariffs, bills];

export function createMigrator(sequelize: Sequelize, migrations: readonly Migration[] = MIGRATIONS) {
  return new Umzug<QueryInterface>({
    migrations: migrations.map((m) => ({ name: m.name, up: m.up, down: m.down })),
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger: undefined,
  });
}

/** Applies pending migrations; returns the names applied. */
export async function migrateUp(sequelize: Sequelize): Promise<string[]> {
  const applied = await createMigrator(sequelize).up();
  return applied.map((m) => m.name);
}
