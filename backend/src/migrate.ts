import { loadConfigOrExit } from './config/config.ts';
import { openDatabase } from './db/database.ts';
import { migrateUp } from './db/migrator.ts';
import { createLogger } from './shared/logger.ts';

// `npm run migrate`: applies pending migrations and exits; production runs it before the api starts.
const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const sequelize = openDatabase(config.DATABASE_URL, { poolMax: 1 });
try {
  const applied = await migrateUp(sequelize);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'database is up to date');
} finally {
  await sequelize.close();
}
