import { loadConfigOrExit } from './config/config.ts';
import { createContainer } from './container.ts';
import { createMigrator } from './db/migrator.ts';
import { createLogger } from './shared/logger.ts';
import { onShutdown, startWebServer } from './server.ts';
import { consumeCallEventsFromRedis } from './modules/call-center/redis-call-events.ts';

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
// The cti process publishes CallEvents on Redis; without Redis this api has no call center.
const callCenter = config.REDIS_URL ? await consumeCallEventsFromRedis(c, config.REDIS_URL) : null;
logger.info({ url: server.url, callCenter: Boolean(callCenter) }, 'api listening');
onShutdown(logger, async () => callCenter?.close(), () => server.close(), () => c.close());
