import { AppError } from '../shared/app-error.ts';
import type { Logger } from '../shared/logger.ts';
import { backoffDelay, type AddOptions, type JobHandler, type JobQueue } from './job-queue.ts';

interface Pending {
  id: string;
  name: string;
  data: Record<string, unknown>;
  attempt: number;
  attempts: number;
  backoffMs: number;
}

/**
 * Jobs in this process, for the embedded one-process mode. Same semantics as the BullMQ queue:
 * de-duplication by job id, retries with exponential backoff, permanent failure on a
 * non-retryable error. Jobs do not survive a restart; production uses BullMQ for that.
 */
export class InProcessQueue implements JobQueue {
  readonly kind = 'in-process';
  private handlers: Readonly<Record<string, JobHandler>> | null = null;
  private readonly known = new Set<string>();
  private readonly waiting: Pending[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private concurrency = 1;
  private closed = false;
  private seq = 0;

  constructor(private readonly logger: Logger) {}

  async add(name: string, data: Record<string, unknown>, options: AddOptions = {}): Promise<void> {
    const id = options.jobId ?? `${name}:${++this.seq}`;
    if (this.known.has(id) || this.closed) return;
    this.known.add(id);
    const job = { id, name, data, attempt: 0, attempts: options.attempts ?? 5, backoffMs: options.backoffMs ?? 1000 };
    this.later(options.delayMs ?? 0, () => this.enqueue(job));
  }

  async every(name: string, everyMs: number, data: Record<string, unknown> = {}): Promise<void> {
    const tick = () => {
      void this.add(name, data);
      this.later(everyMs, tick);
    };
    this.later(everyMs, tick);
  }

  async work(handlers: Readonly<Record<string, JobHandler>>, options: { concurrency?: number } = {}): Promise<void> {
    this.handlers = handlers;
    this.concurrency = options.concurrency ?? 1;
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.running]);
  }

  private later(ms: number, fn: () => void): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private enqueue(job: Pending): void {
    this.waiting.push(job);
    this.pump();
  }

  private pump(): void {
    while (this.handlers && !this.closed && this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      const run = this.run(job).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async run(job: Pending): Promise<void> {
    const handler = this.handlers?.[job.name];
    job.attempt += 1;
    try {
      if (!handler) throw new AppError('internal', `no handler for job ${job.name}`, { retryable: false });
      await handler(job.data, { id: job.id, attempt: job.attempt });
      this.known.delete(job.id);
    } catch (err) {
      const retryable = !(err instanceof AppError) || err.retryable;
      if (retryable && job.attempt < job.attempts) {
        this.logger.warn({ err, job: job.name, attempt: job.attempt }, 'job failed; retrying');
        this.later(backoffDelay(job.attempt, job.backoffMs), () => this.enqueue(job));
      } else {
        this.logger.error({ err, job: job.name, attempt: job.attempt }, 'job failed for good');
        this.known.delete(job.id);
      }
    }
  }
}
