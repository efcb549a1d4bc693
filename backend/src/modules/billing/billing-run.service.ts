import { Op, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { businessDate, type ReadingSchedule, type BillingRunCreate, type BillingRunList, type BillingRunSkips, type BillingRunView, type SkipReason } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import type { Clock } from '../../shared/clock.ts';
import type { Logger } from '../../shared/logger.ts';
import { currentUserId, runAsSystem } from '../../shared/request-context.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Company } from '../companies/company.model.ts';
import { Account } from '../customers/account.model.ts';
import type { LedgerService } from '../ledger/ledger.service.ts';
import type { PriceBookLoader } from '../tariffs/price-book.ts';
import { ReadingBook } from '../readings/reading-book.model.ts';
import { billBatch } from './bill-batch.ts';
import { BillingRun, BillingRunPartition } from './billing-run.model.ts';

/** The job that bills one partition of a run. */
export const BILL_PARTITION_JOB = 'billing.bill-partition';

const PARTITION_ATTEMPTS = 5;

/** Accounts per partition: one transaction, one insert per table. */
export const DEFAULT_PARTITION_SIZE = 1000;

/**
 * The accounts a run covers: all of the company's, one book's, or those of the books read on one
 * cycle (a `monthly` cycle also covers accounts in no book, whose tier cycle is monthly too).
 */
async function accountsOf(scope: { bookCode: string | null; schedule: ReadingSchedule | null }, t?: Transaction): Promise<WhereOptions<Account>> {
  if (!scope.schedule) return scope.bookCode ? { readingBookCode: scope.bookCode } : {};
  const codes = (await ReadingBook.findAll({ where: { schedule: scope.schedule, ...(scope.bookCode && { code: scope.bookCode }) }, attributes: ['code'], transaction: t })).map((b) => b.code);
  const inBooks = { readingBookCode: codes };
  return scope.schedule === 'monthly' && !scope.bookCode ? { [Op.or]: [inBooks, { readingBookCode: null }] } : inBooks;
}

const add = (into: Record<string, number>, from: Record<string, number>) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  return into;
};

/**
 * 计费批次: a run covers a company's accounts (or one book's) for a month. They are cut into
 * partitions of consecutive account ids; each partition is a job that bills its accounts in one
 * transaction and marks itself done in the same transaction. So a worker killed mid-partition
 * leaves nothing of it, the job (or `resume`) runs it again, and a bill already written is never
 * written twice (`(account, period, revision)` is unique and the partition is locked while billed).
 */
export class BillingRunService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly jobs: JobQueue,
    private readonly ledger: LedgerService,
    private readonly priceBooks: PriceBookLoader,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly partitionSize = DEFAULT_PARTITION_SIZE,
  ) {}

  /** Starts a run for the caller's company (or, from the command line, the company the system acts for). */
  async start(body: BillingRunCreate, companyId: number): Promise<BillingRunView> {
    const company = await Company.findByPk(companyId);
    if (!company) throw AppError.notFound('company');
    const scope = { bookCode: body.bookCode ?? null, schedule: body.schedule ?? null };
    const running = await BillingRun.findOne({ where: { period: body.period, status: { [Op.in]: ['pending', 'running'] }, ...scope } });
    if (running) throw new AppError('conflict', `run ${running.id} for ${body.period} is still going`);
    const ids = (await Account.findAll({ where: await accountsOf(scope), attributes: ['id'], order: [['id', 'ASC']], raw: true })).map((a) => a.id);
    const run = await this.sequelize.transaction(async (t) => {
      const created = await BillingRun.create(
        {
          companyId: company.id,
          period: body.period,
          ...scope,
          billDate: body.billDate ?? businessDate(this.clock.now(), company.timeZone),
          status: ids.length === 0 ? 'done' : 'running',
          partitions: Math.ceil(ids.length / this.partitionSize),
          partitionsDone: 0,
          accounts: ids.length,
          billed: 0,
          skipped: 0,
          totalFen: 0,
          totals: {},
          skips: {},
          requestedBy: currentUserId(),
          startedAt: this.clock.now(),
          finishedAt: ids.length === 0 ? this.clock.now() : null,
        },
        { transaction: t },
      );
      const partitions = [];
      for (let seq = 0; seq * this.partitionSize < ids.length; seq += 1) {
        const slice = ids.slice(seq * this.partitionSize, (seq + 1) * this.partitionSize);
        partitions.push({ companyId: company.id, runId: created.id, seq, firstAccountId: slice[0]!, lastAccountId: slice.at(-1)!, status: 'pending' as const, accounts: slice.length, billed: 0, skipped: 0, totalFen: 0, totals: {}, skips: {}, skippedAccounts: [] });
      }
      await BillingRunPartition.bulkCreate(partitions, { transaction: t });
      await this.audit.record({ action: 'billing_run.started', companyId: company.id, targetType: 'billing_run', targetId: created.id, details: { period: body.period, ...scope, accounts: ids.length } }, t);
      return created;
    });
    await this.enqueue(run, 'start');
    return this.get(run.id);
  }

  /** Queues the run's partitions that are not done: after a crash of the process that ran them, or a failed partition. */
  async resume(id: number): Promise<BillingRunView> {
    const run = await BillingRun.findByPk(id);
    if (!run) throw AppError.notFound('billing run');
    if (run.status === 'done') return this.get(id);
    await run.update({ status: 'running' });
    await this.enqueue(run, `resume-${this.clock.now().getTime()}`);
    return this.get(id);
  }

  /** Resumes every unfinished run of every company: a process that runs jobs calls it when it starts. */
  async resumeUnfinished(): Promise<number> {
    return runAsSystem('resume billing runs', async () => {
      const runs = await BillingRun.findAll({ where: { status: 'running' } });
      for (const run of runs) await runAsSystem('resume billing run', () => this.resume(run.id), run.companyId);
      return runs.length;
    });
  }

  /** The job: bills one partition, all of it or nothing. On its last attempt a failure stops the run as `failed` (it can be resumed). */
  async billPartition(runId: number, seq: number, job: { attempt: number } = { attempt: 1 }): Promise<void> {
    const run = await BillingRun.findByPk(runId);
    if (!run) throw new AppError('not_found', `billing run ${runId}`, { retryable: false });
    try {
      await this.billPartitionOnce(run, seq);
    } catch (err) {
      this.logger.error({ err, runId, seq, attempt: job.attempt }, 'billing partition failed');
      if (job.attempt >= PARTITION_ATTEMPTS || (err instanceof AppError && !err.retryable)) await BillingRun.update({ status: 'failed' }, { where: { id: runId } });
      throw err;
    }
    await this.finishIfDone(runId);
  }

  private async billPartitionOnce(run: BillingRun, seq: number): Promise<void> {
    const runId = run.id;
    await this.sequelize.transaction(async (t) => {
      const partition = await BillingRunPartition.findOne({ where: { runId, seq }, transaction: t, lock: t.LOCK.UPDATE });
      if (!partition || partition.status === 'done') return;
      const accounts = await Account.findAll({ where: { id: { [Op.between]: [partition.firstAccountId, partition.lastAccountId] }, ...(await accountsOf(run, t)) }, order: [['id', 'ASC']], transaction: t });
      const book = await this.priceBooks.load(run.companyId);
      const result = await billBatch(accounts, { companyId: run.companyId, period: run.period, billDate: run.billDate, runId: run.id, createdBy: run.requestedBy }, { book, ledger: this.ledger }, t);
      await partition.update(
        { status: 'done' as const, accounts: result.accounts, billed: result.billed, skipped: result.skipped.length, totalFen: result.totalFen, totals: result.totals as Record<string, number>, skips: result.skips as Record<string, number>, skippedAccounts: result.skipped.map((s): [number, string] => [s.accountId, s.reason]) },
        { transaction: t },
      );
      await BillingRun.increment({ partitionsDone: 1 }, { where: { id: run.id }, transaction: t });
    });
  }

  async get(id: number): Promise<BillingRunView> {
    const run = await BillingRun.findByPk(id);
    if (!run) throw AppError.notFound('billing run');
    return this.present(run);
  }

  async list(): Promise<BillingRunList> {
    const runs = await BillingRun.findAll({ order: [['id', 'DESC']], limit: 50 });
    return { items: await Promise.all(runs.map((r) => this.present(r))) };
  }

  /** The accounts a run skipped, and why, for a clerk to follow up. */
  async skipped(id: number, reason?: SkipReason): Promise<BillingRunSkips> {
    const run = await BillingRun.findByPk(id, { attributes: ['id'] });
    if (!run) throw AppError.notFound('billing run');
    const pairs = (await BillingRunPartition.findAll({ where: { runId: id, status: 'done' }, attributes: ['skippedAccounts'], order: [['seq', 'ASC']] }))
      .flatMap((p) => p.skippedAccounts)
      .filter(([, r]) => !reason || r === reason)
      .slice(0, 1000);
    const numbers = new Map((await Account.findAll({ where: { id: pairs.map(([a]) => a) }, attributes: ['id', 'accountNo'] })).map((a) => [a.id, a.accountNo]));
    return { items: pairs.map(([accountId, r]) => ({ accountId, accountNo: numbers.get(accountId) ?? '', reason: r as SkipReason })) };
  }

  /** Runs in progress, and those that ended (done or failed) at or after `endedSince`, with their companies: for the desks' progress bars (the watcher asks once a second). */
  async progress(endedSince: Date): Promise<{ companyId: number; run: BillingRunView }[]> {
    const runs = await BillingRun.findAll({ where: { [Op.or]: [{ status: ['pending', 'running'] }, { status: ['done', 'failed'], updatedAt: { [Op.gte]: endedSince } }] } });
    return Promise.all(runs.map(async (r) => ({ companyId: r.companyId, run: await this.present(r) })));
  }

  private async enqueue(run: BillingRun, generation: string): Promise<void> {
    const pending = await BillingRunPartition.findAll({ where: { runId: run.id, status: 'pending' }, attributes: ['seq'], order: [['seq', 'ASC']] });
    for (const p of pending) await this.jobs.add(BILL_PARTITION_JOB, { companyId: run.companyId, runId: run.id, seq: p.seq }, { jobId: `billing-run-${run.id}-${p.seq}-${generation}`, attempts: PARTITION_ATTEMPTS, backoffMs: 2000 });
  }

  /** The partition that completes the run sums the report and closes it. */
  private async finishIfDone(runId: number): Promise<void> {
    const run = await BillingRun.findByPk(runId);
    if (!run || run.status === 'done' || run.partitionsDone < run.partitions) return;
    const sums = await this.sums(runId);
    const [changed] = await BillingRun.update({ status: 'done', finishedAt: this.clock.now(), ...sums }, { where: { id: runId, status: { [Op.ne]: 'done' } } });
    if (changed > 0) this.logger.info({ runId, period: run.period, billed: sums.billed, skipped: sums.skipped }, 'billing run done');
  }

  private async sums(runId: number) {
    const parts = await BillingRunPartition.findAll({ where: { runId, status: 'done' }, attributes: ['billed', 'skipped', 'totalFen', 'totals', 'skips'] });
    return parts.reduce((s, p) => ({ billed: s.billed + p.billed, skipped: s.skipped + p.skipped, totalFen: s.totalFen + p.totalFen, totals: add(s.totals, p.totals), skips: add(s.skips, p.skips) }), { billed: 0, skipped: 0, totalFen: 0, totals: {} as Record<string, number>, skips: {} as Record<string, number> });
  }

  private async present(run: BillingRun): Promise<BillingRunView> {
    const sums = run.status === 'done' ? run : await this.sums(run.id);
    const seconds = run.startedAt ? ((run.finishedAt ?? this.clock.now()).getTime() - run.startedAt.getTime()) / 1000 : 0;
    return {
      id: run.id,
      period: run.period,
      bookCode: run.bookCode,
      schedule: run.schedule,
      billDate: run.billDate,
      status: run.status,
      accounts: run.accounts,
      billed: sums.billed,
      skipped: sums.skipped,
      partitions: run.partitions,
      partitionsDone: run.partitionsDone,
      totalFen: sums.totalFen,
      totals: sums.totals as BillingRunView['totals'],
      skips: sums.skips as BillingRunView['skips'],
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
      billsPerSecond: seconds > 0 ? Math.round((sums.billed / seconds) * 10) / 10 : null,
    };
  }
}
