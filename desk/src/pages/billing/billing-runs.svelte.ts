import type { BillingRunCreate, BillingRunView, SkipReason } from '@gasdesk/schema';
import { api, type BillingRunSkipList } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';
import { events } from '../../lib/events.ts';

/** A run the server is still working on: its figures move. */
export function isLive(run: BillingRunView): boolean {
  return run.status === 'pending' || run.status === 'running';
}

/** Accounts a run has dealt with (billed or skipped), out of those it covers. */
export function runDone(run: BillingRunView): number {
  return run.billed + run.skipped;
}

/** How far a run is, 0–100; a finished run is 100 even when it covered no account. */
export function runPercent(run: BillingRunView): number {
  if (run.status === 'done') return 100;
  if (run.accounts === 0) return 0;
  return Math.min(100, Math.floor((runDone(run) / run.accounts) * 100));
}

/** Quiet this long while a run is live, and the run is read again: a push may have been missed. */
const STALE_MS = 5000;

/**
 * The billing runs on screen: the list from `GET /api/billing-runs`, each run replaced by every
 * `billing:run-progress` push, and everything read again after a reconnect (pushes during the gap
 * are lost). `start()` returns the function that stops listening.
 */
export class BillingRunsState {
  runs = $state.raw<BillingRunView[]>([]);
  loaded = $state(false);
  resuming = $state(false);
  /** The accounts a run skipped for one reason, when a reason in its report was opened. */
  skips = $state.raw<{ runId: number; reason: SkipReason; items: BillingRunSkipList['items'] } | null>(null);
  #lastPush = 0;

  start(): () => void {
    void this.load();
    const offProgress = events.on('billing:run-progress', (run) => {
      this.#lastPush = Date.now();
      this.#put(run);
    });
    const offResumed = events.on('connection:resumed', () => void this.load());
    const timer = setInterval(() => {
      if (Date.now() - this.#lastPush < STALE_MS) return;
      for (const run of this.runs.filter(isLive)) void this.refresh(run.id);
    }, STALE_MS);
    return () => {
      offProgress();
      offResumed();
      clearInterval(timer);
    };
  }

  run(id: number | null): BillingRunView | null {
    return this.runs.find((r) => r.id === id) ?? null;
  }

  async load(): Promise<void> {
    try {
      this.runs = (await api.billingRuns()).items;
      this.loaded = true;
    } catch (err) {
      reportError(err);
    }
  }

  async refresh(id: number): Promise<void> {
    try {
      this.#put(await api.billingRun(id));
    } catch (err) {
      reportError(err);
    }
  }

  /** Starts a run and answers it (pending); a refusal is thrown, for the form to place beside its fields. */
  async begin(body: BillingRunCreate): Promise<BillingRunView> {
    const run = await api.startBillingRun(body);
    this.#put(run);
    return run;
  }

  async resume(id: number): Promise<void> {
    this.resuming = true;
    try {
      this.#put(await api.resumeBillingRun(id));
    } catch (err) {
      reportError(err);
    } finally {
      this.resuming = false;
    }
  }

  async showSkips(runId: number, reason: SkipReason): Promise<void> {
    try {
      const { items } = await api.billingRunSkips(runId, reason);
      this.skips = { runId, reason, items };
    } catch (err) {
      reportError(err);
    }
  }

  /** Newest first; a pushed run the list does not have yet (started elsewhere) joins it. */
  #put(run: BillingRunView): void {
    const known = this.runs.some((r) => r.id === run.id);
    const next = known ? this.runs.map((r) => (r.id === run.id ? newer(r, run) : r)) : [run, ...this.runs];
    this.runs = next.toSorted((a, b) => b.id - a.id);
  }
}

/**
 * An answer read before a push can arrive after it: keep whichever has gone further, so the bar
 * never steps back. A finished run is always further than a running one.
 */
function newer(old: BillingRunView, next: BillingRunView): BillingRunView {
  if (isLive(next) && !isLive(old) && old.status !== 'failed') return old;
  if (isLive(next) && isLive(old) && runDone(next) < runDone(old)) return old;
  return next;
}
