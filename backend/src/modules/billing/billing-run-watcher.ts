import type { DomainEventBus } from '../../shared/domain-events.ts';
import type { Logger } from '../../shared/logger.ts';
import { runAsSystem } from '../../shared/request-context.ts';
import type { BillingRunService } from './billing-run.service.ts';

/**
 * Progress of billing runs for the desks, from the database: runs are billed by worker processes
 * that have no sockets, so each api process looks once a second at the runs in progress and
 * announces them (and a run's last state once it ends) to its own desks.
 */
export function watchBillingRuns(runs: BillingRunService, events: DomainEventBus, logger: Logger, everyMs = 1000): () => void {
  let watching = new Set<number>();
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await runAsSystem('billing run progress', async () => {
        const now = await runs.progress();
        const ended = [...watching].filter((id) => !now.some((p) => p.run.id === id));
        for (const progress of [...now, ...(ended.length > 0 ? await runs.progress(ended) : [])]) events.emit('billing.run_progress', progress);
        watching = new Set(now.map((p) => p.run.id));
      });
    } catch (err) {
      logger.warn({ err }, 'billing run progress failed');
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
