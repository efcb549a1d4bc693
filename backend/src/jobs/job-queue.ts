/**
 * The job contract shared by the BullMQ queue (production, `REDIS_URL` set) and the in-process
 * runner (embedded mode). Both pass the same contract test (`job-queue.contract.ts`).
 */

/** Runs one job. Throwing an `AppError` whose `retryable` is false fails the job for good. */
export type JobHandler = (data: Record<string, unknown>, job: { id: string; attempt: number }) => Promise<void>;

export interface AddOptions {
  /** Jobs with the same id are added once while the first is pending, running or kept. */
  jobId?: string;
  delayMs?: number;
  /** Attempts before giving up (default 5), with exponential backoff from `backoffMs` (default 1 s). */
  attempts?: number;
  backoffMs?: number;
}

export interface JobQueue {
  /** Which implementation this is: `bullmq` or `in-process`. */
  readonly kind: string;
  add(name: string, data: Record<string, unknown>, options?: AddOptions): Promise<void>;
  /** Runs `name` every `everyMs`, once across all workers; calling again replaces the schedule. */
  every(name: string, everyMs: number, data?: Record<string, unknown>): Promise<void>;
  /** Starts running jobs with these handlers (only in processes that work jobs). */
  work(handlers: Readonly<Record<string, JobHandler>>, options?: { concurrency?: number }): Promise<void>;
  /** Stops taking jobs, lets running ones finish and releases connections. */
  close(): Promise<void>;
}

/** Delay before attempt `attempt + 1`: 1×, 2×, 4×… `backoffMs`. */
export function backoffDelay(attempt: number, backoffMs: number): number {
  return backoffMs * 2 ** Math.max(0, attempt - 1);
}
