import type { DomainEventBus } from '../../shared/domain-events.ts';
import type { Logger } from '../../shared/logger.ts';
import { runAsSystem } from '../../shared/request-context.ts';
import type { BillingRunService } from './billing-run.service.ts';

/**
 * Progress of billing runs for the desks, from the database: runs are billed by worker processes
 * that have no sockets, so each api process looks once a second at the runs in progress and at
 * those that ended since its last look, and announces them to its own desks. A small book's run
 * can start and end between two looks: it is announced once, ended. Looking back a whole period
 * more than needed announces an ended run twice rather than never, and the desks take the same
 * state twice without harm; it also covers clocks of worker machines a little behind this one.
 */
export function watchBillingRuns(runs: BillingRunService, events: DomainEventBus, logger: Logger, everyMs = 1000): () => void {
  let lastLook: Date | null = null;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    const look = new Date();
    try {
      await runAsSystem('billing run progress', async () => {
        const since = new Date((lastLook ?? look).getTime() - everyMs);
        for (const progress of await runs.progress(since)) events.emit('billing.run_progress', progress);
      });
      lastLook = look;
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
