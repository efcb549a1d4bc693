import { loadConfigOrExit } from './config/config.ts';
import { createContainer } from './container.ts';
import { migrateUp } from './db/migrator.ts';
import { jobHandlers, scheduleRecurringJobs } from './jobs/job-definitions.ts';
import { seedDemo } from './seed/demo-seed.ts';
import { createLogger } from './shared/logger.ts';
import { startCtiLink } from './modules/call-center/cti-link.ts';
import { onShutdown, startWebServer } from './server.ts';

// `npm start`: the whole product in one process, on an embedded SQLite database by default.
const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const c = createContainer(config, logger);
const applied = await migrateUp(c.sequelize);
if (applied.length) logger.info({ applied }, 'migrations applied');
const report = config.SEED_DEMO === false ? { lines: [] } : await seedDemo(c);
await scheduleRecurringJobs(c.jobs);
await c.jobs.work(jobHandlers(c), { concurrency: config.JOB_CONCURRENCY });
// In-process jobs die with the process: runs it left half done carry on (finished partitions are not billed again).
if (c.jobs.kind === 'in-process') await c.billingRuns.resumeUnfinished();
const server = await startWebServer(c);
// The demo's simulated PBX rings only a seeded installation's agents; a real one (AMI_HOST) rings whoever it rings.
const cti = await startCtiLink(c, { demo: config.SEED_DEMO !== false && config.DEMO_CALLS });
process.stdout.write(
  [
    '',
    `GasDesk is running at ${server.url}`,
    `API documentation: ${server.url}/api/docs`,
    `Database: ${config.DATABASE_URL}${config.REDIS_URL ? `, Redis: ${config.REDIS_URL}` : ', jobs in-process'}`,
    `Telephony: ${cti.simulator ? `PBX simulator on 127.0.0.1:${cti.simulator.port}` : `Asterisk at ${config.AMI_HOST}:${config.AMI_PORT}`}`,
    ...report.lines,
    '',
  ].join('\n'),
);
onShutdown(logger, () => cti.close(), () => server.close(), () => c.close());
