import { loadConfigOrExit } from './config/config.ts';
import { createContainer } from './container.ts';
import { seedDemo } from './seed/demo-seed.ts';
import { createLogger } from './shared/logger.ts';

// `npm run seed:demo`: adds the demo companies, users and data to a migrated database (demo and training installations).
const config = loadConfigOrExit({ requireVariables: ['DATABASE_URL'] });
const c = createContainer(config, createLogger(config.LOG_LEVEL));
try {
  const report = await seedDemo(c);
  process.stdout.write(`${report.lines.length ? report.lines.join('\n') : 'demo data already present'}\n`);
} finally {
  await c.close();
}
