import { expect } from 'chai';
import { AppError } from '../shared/app-error.ts';
import type { JobHandler, JobQueue } from './job-queue.ts';

function until(check: () => boolean, timeoutMs = 8000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('condition not met in time'));
      setTimeout(tick, 10);
    };
    tick();
  });
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The behaviour every `JobQueue` must show. Run against each implementation: the in-process runner
 * in the unit tests, BullMQ on a real Redis in the integration tests.
 */
export function describeJobQueueContract(name: string, make: () => JobQueue): void {
  describe(`JobQueue contract: ${name}`, () => {
    let queue: JobQueue;
    let calls: { name: string; data: Record<string, unknown>; attempt: number }[];
    const record =
      (jobName: string, behaviour: (attempt: number) => void = () => undefined): JobHandler =>
      async (data, job) => {
        calls.push({ name: jobName, data, attempt: job.attempt });
        behaviour(job.attempt);
      };

    beforeEach(() => {
      queue = make();
      calls = [];
    });
    afterEach(() => queue.close());

    it('should run an added job once with its data', async () => {
      await queue.work({ 'bill.print': record('bill.print') });
      await queue.add('bill.print', { billId: 42, copies: 2 });
      await until(() => calls.length === 1);
      await pause(100);
      expect(calls).to.deep.equal([{ name: 'bill.print', data: { billId: 42, copies: 2 }, attempt: 1 }]);
    });

    it('should add a job with the same id only once while it is pending', async () => {
      await queue.add('bill.print', { n: 1 }, { jobId: 'bill-7', delayMs: 150 });
      await queue.add('bill.print', { n: 2 }, { jobId: 'bill-7', delayMs: 150 });
      await queue.work({ 'bill.print': record('bill.print') });
      await until(() => calls.length >= 1);
      await pause(300);
      expect(calls.map((c) => c.data)).to.deep.equal([{ n: 1 }]);
    });

    it('should retry a failing job with backoff until it succeeds', async () => {
      const failTwice = (attempt: number) => {
        if (attempt < 3) throw new Error(`transient failure ${attempt}`);
      };
      await queue.work({ 'sms.send': record('sms.send', failTwice) });
      await queue.add('sms.send', { to: 'x' }, { attempts: 5, backoffMs: 20 });
      await until(() => calls.length === 3);
      await pause(150);
      expect(calls.map((c) => c.attempt)).to.deep.equal([1, 2, 3]);
    });

    it('should not retry a job that fails with a non-retryable error', async () => {
      const refuse = () => {
        throw new AppError('validation_failed', 'bad address', { retryable: false });
      };
      await queue.work({ 'sms.send': record('sms.send', refuse) });
      await queue.add('sms.send', {}, { attempts: 5, backoffMs: 20 });
      await until(() => calls.length === 1);
      await pause(300);
      expect(calls.length).to.equal(1);
    });

    it('should run a recurring job again and again', async () => {
      await queue.work({ 'tick': record('tick') });
      await queue.every('tick', 100, { source: 'schedule' });
      await until(() => calls.length >= 3);
      expect(calls.slice(0, 3).map((c) => c.data)).to.deep.equal([{ source: 'schedule' }, { source: 'schedule' }, { source: 'schedule' }]);
    });
  });
}
