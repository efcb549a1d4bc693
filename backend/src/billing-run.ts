import { parseArgs } from 'node:util';
import { BillingRunCreate, type BillingRunView } from '@gasdesk/schema';
import { loadConfigOrExit } from './config/config.ts';
import { createContainer } from './container.ts';
import { jobHandlers } from './jobs/job-definitions.ts';
import { Company } from './modules/companies/company.model.ts';
import { createLogger } from './shared/logger.ts';
import { runAsSystem } from './shared/request-context.ts';

// `npm run billing:run -- --company HZGAS --period 2026-11 [--book B01] [--schedule odd_months] [--bill-date 2026-12-01]`:
// starts a billing run and bills it here (with Redis, the workers bill beside this process), with a
// progress bar, then prints the report. `--resume RUN_ID` carries on with a run that stopped.
const { values } = parseArgs({ options: { company: { type: 'string' }, period: { type: 'string' }, book: { type: 'string' }, schedule: { type: 'string' }, 'bill-date': { type: 'string' }, resume: { type: 'string' } } });
const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL);
const c = createContainer(config, logger);
const say = (line: string) => process.stdout.write(`${line}\n`);

function bar(run: BillingRunView): string {
  const done = run.billed + run.skipped;
  const share = run.accounts === 0 ? 1 : done / run.accounts;
  const width = 30;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en')}/${run.accounts.toLocaleString('en')} accounts  ${run.billsPerSecond ?? 0} bills/s`;
}

try {
  const company = await runAsSystem('billing run from the command line', () => Company.findOne({ where: { code: values.company ?? '' } }));
  if (!company) throw new Error(`--company: no company with code ${values.company ?? '(missing)'}`);
  const act = <T>(fn: () => Promise<T>) => runAsSystem('billing run from the command line', fn, company.id);
  await c.jobs.work(jobHandlers(c), { concurrency: config.JOB_CONCURRENCY });
  let run = values.resume
    ? await act(() => c.billingRuns.resume(Number(values.resume)))
    : await act(() => c.billingRuns.start(BillingRunCreate.parse({ period: values.period, bookCode: values.book, schedule: values.schedule, billDate: values['bill-date'] }), company.id));
  say(`billing run ${run.id}: ${company.code}, ${run.period}${run.bookCode ? `, book ${run.bookCode}` : ''}${run.schedule ? `, books read ${run.schedule}` : ''}, ${run.accounts.toLocaleString('en')} accounts`);
  while (run.status === 'running' || run.status === 'pending') {
    process.stdout.write(`\r${bar(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    run = await act(() => c.billingRuns.get(run.id));
  }
  say(`\r${bar(run)}`);
  say(`${run.status}: ${run.billed.toLocaleString('en')} billed, ${run.skipped.toLocaleString('en')} skipped, ¥${(run.totalFen / 100).toFixed(2)}`);
  for (const [reason, n] of Object.entries(run.skips)) say(`  skipped, ${reason}: ${n.toLocaleString('en')}`);
  for (const [kind, fen] of Object.entries(run.totals)) say(`  ${kind}: ¥${(fen / 100).toFixed(2)}`);
  if (run.status !== 'done') process.exitCode = 1;
} catch (err) {
  say(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
} finally {
  await c.close();
}
