import { loadConfigOrExit } from './config/config.ts';
import { createContainer } from './container.ts';
import { jobHandlers, scheduleRecurringJobs } from './jobs/job-definitions.ts';
import { createLogger } from './shared/logger.ts';
import { onShutdown } from './server.ts';

// The worker process: runs BullMQ jobs; start as many as the load needs.
const config = loadConfigOrExit({ requireVariables: ['DATABASE_URL', 'REDIS_URL'] });
const logger = createLogger(config.LOG_LEVEL);
const c = createContainer(config, logger);
await scheduleRecurringJobs(c.jobs);
await c.jobs.work(jobHandlers(c), { concurrency: config.JOB_CONCURRENCY });
logger.info({ queue: c.jobs.kind }, 'worker started');
onShutdown(logger, () => c.close());
