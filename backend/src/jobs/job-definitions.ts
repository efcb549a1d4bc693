import type { Container } from '../container.ts';
import { runAsSystem } from '../shared/request-context.ts';
import { BILL_PARTITION_JOB } from '../modules/billing/billing-run.service.ts';
import type { JobHandler, JobQueue } from './job-queue.ts';

/** Every job the product runs, by name. Jobs are named after the task they do. */
export function jobHandlers(c: Container): Record<string, JobHandler> {
  return {
    'sessions.purge-expired': async () => {
      const purged = await c.auth.purgeExpired();
      c.logger.info(purged, 'expired sessions purged');
    },
    'audit.verify-chains': () =>
      runAsSystem('nightly audit verification', async () => {
        for (const result of await c.audit.verifyAll()) {
          if (result.ok) c.logger.info({ companyId: result.companyId, checked: result.checked }, 'audit chain intact');
          else c.logger.error({ companyId: result.companyId, firstBroken: result.firstBroken }, 'AUDIT CHAIN BROKEN');
        }
      }),
    [BILL_PARTITION_JOB]: (data, job) => runAsSystem('billing run', () => c.billingRuns.billPartition(Number(data.runId), Number(data.seq), job), Number(data.companyId)),
  };
}

/** Recurring jobs; scheduling is idempotent, so every worker may declare them at start. */
export async function scheduleRecurringJobs(jobs: JobQueue): Promise<void> {
  await jobs.every('sessions.purge-expired', 3_600_000);
  await jobs.every('audit.verify-chains', 24 * 3_600_000);
}
