import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { AppError } from '../shared/app-error.ts';
import type { Logger } from '../shared/logger.ts';
import type { AddOptions, JobHandler, JobQueue } from './job-queue.ts';

/** Turns `redis://user:pass@host:port/db` into the connection options BullMQ takes. */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    ...(u.username && { username: decodeURIComponent(u.username) }),
    ...(u.password && { password: decodeURIComponent(u.password) }),
    ...(u.pathname.length > 1 && { db: Number(u.pathname.slice(1)) }),
    ...(u.protocol === 'rediss:' && { tls: {} }),
    // A worker must wait for Redis rather than fail its jobs while Redis restarts.
    maxRetriesPerRequest: null,
  };
}

/** Jobs in Redis with BullMQ: they survive restarts and are shared by any number of worker processes. */
export class BullmqQueue implements JobQueue {
  readonly kind = 'bullmq';
  private readonly queue: Queue;
  private worker: Worker | null = null;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly logger: Logger,
    private readonly prefix = 'gasdesk',
    private readonly queueName = 'jobs',
  ) {
    this.queue = new Queue(queueName, { connection, prefix });
  }

  async add(name: string, data: Record<string, unknown>, options: AddOptions = {}): Promise<void> {
    await this.queue.add(name, data, {
      ...(options.jobId && { jobId: options.jobId }),
      ...(options.delayMs && { delay: options.delayMs }),
      attempts: options.attempts ?? 5,
      backoff: { type: 'exponential', delay: options.backoffMs ?? 1000 },
      removeOnComplete: { age: 24 * 3600, count: 1000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  async every(name: string, everyMs: number, data: Record<string, unknown> = {}): Promise<void> {
    await this.queue.upsertJobScheduler(name, { every: everyMs }, { name, data });
  }

  async work(handlers: Readonly<Record<string, JobHandler>>, options: { concurrency?: number } = {}): Promise<void> {
    this.worker = new Worker(
      this.queueName,
      async (job) => {
        const handler = handlers[job.name];
        if (!handler) throw new UnrecoverableError(`no handler for job ${job.name}`);
        try {
          await handler(job.data as Record<string, unknown>, { id: job.id ?? '', attempt: job.attemptsMade + 1 });
        } catch (err) {
          if (err instanceof AppError && !err.retryable) throw new UnrecoverableError(err.message);
          throw err;
        }
      },
      { connection: this.connection, prefix: this.prefix, concurrency: options.concurrency ?? 4 },
    );
    this.worker.on('failed', (job, err) => this.logger.warn({ err, job: job?.name, attempt: job?.attemptsMade }, 'job failed'));
    this.worker.on('error', (err) => this.logger.error({ err }, 'job worker error'));
    await this.worker.waitUntilReady();
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
  }
}
