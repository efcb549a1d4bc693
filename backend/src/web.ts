import { loadConfigOrExit } from './config/config.ts';
import { createContainer } from './container.ts';
import { createMigrator } from './db/migrator.ts';
import { createLogger } from './shared/logger.ts';
import { onShutdown, startWebServer } from './server.ts';

// The api process of a production deployment: several replicas share MySQL and Redis.
const config = loadConfigOrExit({ requireVariables: ['DATABASE_URL'] });
const logger = createLogger(config.LOG_LEVEL);
const c = createContainer(config, logger);
const pending = await createMigrator(c.sequelize).pending();
if (pending.length > 0) {
  logger.fatal({ pending: pending.map((m) => m.name) }, 'the database needs migrating first: npm run migrate');
  process.exit(1);
}
const server = await startWebServer(c);
logger.info({ url: server.url }, 'api listening');
onShutdown(logger, () => server.close(), () => c.close());
