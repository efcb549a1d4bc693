import { Op, type Sequelize, type Transaction } from 'sequelize';
import type {
  Period,
  ReadingCycleClosed,
  ReadingCycleList,
  ReadingCycleSummary,
  ReadingCycleView,
  ReadingEntries,
  ReadingEntriesResult,
  ReadingTaskStatus,
  ReadingTaskView,
} from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import type { Clock } from '../../shared/clock.ts';
import { currentUserId } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Account } from '../customers/account.model.ts';
import { Premise } from '../customers/premise.model.ts';
import { Meter } from '../meters/meter.model.ts';
import { User } from '../users/user.model.ts';
import { MeterReading } from './meter-reading.model.ts';
import { presentTaskReading } from './reading.presenter.ts';
import type { ReadingBookService } from './reading-book.service.ts';
import { ReadingBook } from './reading-book.model.ts';
import { ReadingCycle, ReadingTask } from './reading-cycle.model.ts';
import type { ReadingEstimator } from './reading-estimator.ts';
import { takeReadings, type IntakeCandidate, type IntakeResult } from './reading-intake.ts';
import type { ReadingRulesSource } from './reading-rules.ts';

/** Meter kinds a reader reads: an IC-card meter is prepaid and reports through its card. */
const READ_KINDS = ['conventional', 'remote'];

/** Whether a book on `schedule` is read in the month of `period`. */
export function readInPeriod(schedule: ReadingBook['schedule'], period: Period): boolean {
  const month = Number(period.slice(5, 7));
  return schedule === 'monthly' || (schedule === 'odd_months') === (month % 2 === 1);
}

/** Reading cycles: the expected readings of a book in a period, entered by hand or from a handheld, then closed with estimates. */
export class ReadingCycleService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly books: ReadingBookService,
    private readonly estimator: ReadingEstimator,
    private readonly rules: ReadingRulesSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Opens the book's cycle for the period with one task per meter on the route; opening it again returns it. */
  async open(bookId: number, period: Period): Promise<ReadingCycleView> {
    const book = await this.books.load(bookId);
    const existing = await ReadingCycle.findOne({ where: { bookId, period } });
    if (existing) return this.get(existing.id);
    if (!book.active) throw new AppError('conflict', `reading book ${book.code} is not active`);
    if (!readInPeriod(book.schedule, period)) throw AppError.invalid('period', `book ${book.code} is read on ${book.schedule.replace('_', ' ')}, not in ${period}`);
    const accounts = await this.books.routeAccounts(book.code);
    const meters = await Meter.findAll({ where: { accountId: accounts.map((a) => a.id), status: 'installed', kind: READ_KINDS } });
    const meterOf = new Map(meters.map((m) => [m.accountId!, m]));
    const cycle = await this.sequelize.transaction(async (t) => {
      const created = await ReadingCycle.create(
        { companyId: book.companyId, bookId, period, status: 'open', readerId: book.readerId, plannedOn: `${period}-${String(book.readDay).padStart(2, '0')}`, closedAt: null },
        { transaction: t },
      );
      const tasks = accounts.flatMap((a, i) => {
        const meter = meterOf.get(a.id);
        return meter ? [{ companyId: book.companyId, cycleId: created.id, accountId: a.id, meterId: meter.id, sequence: i + 1, status: 'pending' as const, readingId: null, faultCode: null, note: null }] : [];
      });
      await ReadingTask.bulkCreate(tasks, { transaction: t });
      await this.audit.record({ action: 'reading_cycle.opened', companyId: book.companyId, targetType: 'reading_cycle', targetId: created.id, details: { book: book.code, period, tasks: tasks.length } }, t);
      return created;
    });
    return this.get(cycle.id);
  }

  async list(bookId: number): Promise<ReadingCycleList> {
    await this.books.load(bookId);
    const cycles = await ReadingCycle.findAll({ where: { bookId }, order: [['period', 'DESC']], include: [{ model: ReadingBook, as: 'book' }] });
    const summaries = await this.summaries(cycles.map((c) => c.id));
    const readers = await this.readerNames(cycles.map((c) => c.readerId));
    return { items: cycles.map((c) => this.presentCycle(c, summaries.get(c.id) ?? emptySummary(), readers)) };
  }

  async get(id: number): Promise<ReadingCycleView> {
    const cycle = await this.load(id);
    const tasks = await ReadingTask.findAll({ where: { cycleId: id }, order: [['sequence', 'ASC']] });
    const summaries = await this.summaries([id]);
    const readers = await this.readerNames([cycle.readerId]);
    return { ...this.presentCycle(cycle, summaries.get(id) ?? emptySummary(), readers), tasks: await this.presentTasks(tasks) };
  }

  /** Readings typed on the entry screen: values go through validation, fault codes mark the task. */
  async enter(cycleId: number, input: ReadingEntries): Promise<ReadingEntriesResult> {
    const cycle = await this.openCycle(cycleId);
    const rules = await this.rules.forCompany(cycle.companyId);
    const results = await this.sequelize.transaction(async (t) => {
      const tasks = await this.tasksOf(cycle.id, input.entries.map((e, i) => ({ taskId: e.taskId, field: `entries.${i}.taskId` })), t);
      const values = input.entries.filter((e) => e.value !== null);
      const taken = await this.take(
        values.map((e) => ({ task: tasks.get(e.taskId)!, value: e.value!, readOn: e.readOn, readAt: null, note: e.note || null })),
        'manual',
        rules,
        t,
      );
      const byTask = new Map(values.map((e, i) => [e.taskId, taken[i]!]));
      const out: ReadingEntriesResult['results'] = [];
      for (const entry of input.entries) {
        const task = tasks.get(entry.taskId)!;
        if (entry.faultCode) {
          await task.update({ status: 'fault', faultCode: entry.faultCode, note: entry.note || null }, { transaction: t });
          out.push({ taskId: task.id, outcome: 'fault', readingId: null, consumption: null, problems: [] });
        } else {
          const r = byTask.get(entry.taskId)!;
          out.push({ taskId: task.id, outcome: r.outcome, readingId: r.readingId, consumption: r.consumption, problems: r.problems });
        }
      }
      return out;
    });
    return { results };
  }

  /**
   * Closes the cycle: every meter nobody read (pending, or a fault) gets an estimate, unless it has
   * had as many estimates in a row as the company allows, when a visit is required instead.
   * Readings still in the exception queue stay there: nothing in the queue is billed.
   */
  async close(cycleId: number): Promise<ReadingCycleClosed> {
    const cycle = await this.openCycle(cycleId);
    const rules = await this.rules.forCompany(cycle.companyId);
    const counts = await this.sequelize.transaction(async (t) => {
      const unread = await ReadingTask.findAll({ where: { cycleId, status: ['pending', 'fault'] }, order: [['sequence', 'ASC']], transaction: t });
      const outcome = await this.estimator.estimateTasks(unread, cycle.plannedOn, rules, t);
      await cycle.update({ status: 'closed', closedAt: this.clock.now() }, { transaction: t });
      await this.audit.record({ action: 'reading_cycle.closed', companyId: cycle.companyId, targetType: 'reading_cycle', targetId: cycle.id, details: outcome }, t);
      return outcome;
    });
    const view = await this.get(cycleId);
    const { tasks: _tasks, ...summary } = view;
    void _tasks;
    return { cycle: summary, estimated: counts.estimated, visitRequired: counts.visitRequired };
  }

  /** Tasks of an open cycle by id, refusing ids of other cycles with the field that named them. */
  async tasksOf(cycleId: number, refs: { taskId: number; field: string }[], t: Transaction): Promise<Map<number, ReadingTask>> {
    const byId = await this.tasksById(cycleId, refs.map((r) => r.taskId), t);
    const missing = refs.find((r) => !byId.has(r.taskId));
    if (missing) throw AppError.invalid(missing.field, 'not a reading of this cycle');
    return byId;
  }

  /** The cycle's tasks among `ids`, locked for the transaction; ids of other cycles are simply absent. */
  async tasksById(cycleId: number, ids: number[], t: Transaction): Promise<Map<number, ReadingTask>> {
    const tasks = await ReadingTask.findAll({ where: { cycleId, id: ids }, transaction: t, lock: t.LOCK.UPDATE });
    return new Map(tasks.map((task) => [task.id, task]));
  }

  /**
   * Validates and stores values for tasks, then points each task at its reading. A task already
   * answered by an accepted reading takes a new value as a duplicate only when it is the same.
   */
  async take(items: { task: ReadingTask; value: string; readOn: string; readAt: Date | null; note: string | null }[], source: 'manual' | 'hhu', rules: Awaited<ReturnType<ReadingRulesSource['forCompany']>>, t: Transaction): Promise<IntakeResult[]> {
    if (items.length === 0) return [];
    const meters = new Map((await Meter.findAll({ where: { id: items.map((i) => i.task.meterId) }, transaction: t })).map((m) => [m.id, m]));
    const accounts = new Map((await Account.findAll({ where: { id: items.map((i) => i.task.accountId) }, attributes: ['id', 'status'], transaction: t })).map((a) => [a.id, a]));
    const userId = currentUserId();
    const candidates: IntakeCandidate[] = items.map(({ task, value, readOn, readAt, note }) => {
      const meter = meters.get(task.meterId)!;
      return {
        companyId: task.companyId,
        meterId: meter.id,
        accountId: task.accountId,
        registerDigits: meter.registerDigits,
        maxFlow: meter.maxFlow,
        occupied: accounts.get(task.accountId)?.status === 'active',
        value,
        readOn,
        readAt,
        source,
        taskId: task.id,
        standardValue: null,
        note,
        userId,
      };
    });
    const results = await takeReadings(candidates, rules, t);
    for (const [i, result] of results.entries()) {
      const task = items[i]!.task;
      if (result.outcome === 'duplicate') continue;
      const status: ReadingTaskStatus = result.outcome === 'accepted' ? 'read' : 'exception';
      await task.update({ status, readingId: result.readingId, faultCode: null, note: items[i]!.note }, { transaction: t });
    }
    return results;
  }

  async openCycle(id: number): Promise<ReadingCycle> {
    const cycle = await this.load(id);
    if (cycle.status !== 'open') throw new AppError('conflict', `the ${cycle.period} cycle of book ${cycle.book!.code} is closed`);
    return cycle;
  }

  async load(id: number): Promise<ReadingCycle> {
    const cycle = await ReadingCycle.findByPk(id, { include: [{ model: ReadingBook, as: 'book' }] });
    if (!cycle) throw AppError.notFound('reading cycle');
    return cycle;
  }

  private async summaries(cycleIds: number[]): Promise<Map<number, ReadingCycleSummary>> {
    const out = new Map<number, ReadingCycleSummary>();
    if (cycleIds.length === 0) return out;
    const rows = (await ReadingTask.count({ where: { cycleId: cycleIds }, group: ['cycleId', 'status'] })) as unknown as { cycleId: number; status: ReadingTaskStatus; count: number }[];
    for (const row of rows) {
      const s = out.get(row.cycleId) ?? emptySummary();
      const n = Number(row.count);
      s.tasks += n;
      const key = row.status === 'visit_required' ? 'visitRequired' : row.status;
      s[key] += n;
      out.set(row.cycleId, s);
    }
    return out;
  }

  private async readerNames(ids: (number | null)[]): Promise<Map<number, string>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (wanted.length === 0) return new Map();
    return new Map((await User.findAll({ where: { id: wanted }, attributes: ['id', 'displayName'] })).map((u) => [u.id, u.displayName]));
  }

  private presentCycle(c: ReadingCycle, summary: ReadingCycleSummary, readers: Map<number, string>): Omit<ReadingCycleView, 'tasks'> {
    return {
      id: c.id,
      bookId: c.bookId,
      bookCode: c.book!.code,
      bookName: c.book!.name,
      period: c.period,
      status: c.status,
      readerId: c.readerId,
      readerName: c.readerId ? (readers.get(c.readerId) ?? null) : null,
      plannedOn: c.plannedOn,
      closedAt: c.closedAt ? c.closedAt.toISOString() : null,
      summary,
    };
  }

  /** Tasks with their account, meter, reading and the accepted reading before it. */
  async presentTasks(tasks: ReadingTask[]): Promise<ReadingTaskView[]> {
    if (tasks.length === 0) return [];
    const accountIds = tasks.map((t) => t.accountId);
    const meterIds = tasks.map((t) => t.meterId);
    const [accounts, meters, readings] = await Promise.all([
      Account.findAll({ where: { id: accountIds }, include: [{ model: Premise, as: 'premise' }], attributes: ['id', 'accountNo'] }),
      Meter.findAll({ where: { id: meterIds }, attributes: ['id', 'serial', 'registerDigits'] }),
      MeterReading.findAll({ where: { meterId: meterIds, [Op.or]: [{ status: 'accepted' }, { id: tasks.map((t) => t.readingId ?? 0) }] }, order: [['readOn', 'ASC'], ['id', 'ASC']] }),
    ]);
    const accountOf = new Map(accounts.map((a) => [a.id, a]));
    const meterOf = new Map(meters.map((m) => [m.id, m]));
    const readingOf = new Map(readings.map((r) => [r.id, r]));
    const acceptedOf = new Map<number, MeterReading[]>();
    for (const r of readings) if (r.status === 'accepted') (acceptedOf.get(r.meterId) ?? acceptedOf.set(r.meterId, []).get(r.meterId)!).push(r);
    return tasks.map((task) => {
      const account = accountOf.get(task.accountId)!;
      const meter = meterOf.get(task.meterId)!;
      const reading = task.readingId ? readingOf.get(task.readingId) : undefined;
      const before = (acceptedOf.get(task.meterId) ?? []).filter((r) => r.id !== reading?.id && (!reading || r.readOn < reading.readOn || (r.readOn === reading.readOn && r.id < reading.id)));
      const previous = before[before.length - 1];
      return {
        id: task.id,
        sequence: task.sequence,
        accountId: account.id,
        accountNo: account.accountNo,
        address: account.premise!.fullAddress,
        meterId: meter.id,
        meterSerial: meter.serial,
        registerDigits: meter.registerDigits,
        previous: previous ? { value: previous.value, readOn: previous.readOn, kind: previous.kind } : null,
        status: task.status,
        reading: presentTaskReading(reading),
        faultCode: task.faultCode,
        note: task.note,
      };
    });
  }
}

function emptySummary(): ReadingCycleSummary {
  return { tasks: 0, pending: 0, read: 0, exception: 0, fault: 0, estimated: 0, visitRequired: 0 };
}

