import { Op, type Sequelize, type WhereOptions } from 'sequelize';
import type { MeterReadingView, ReadingExceptionList, ReadingExceptionQuery, ReadingExceptionView, ReadingResolve } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import type { Clock } from '../../shared/clock.ts';
import { currentUserId } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Account } from '../customers/account.model.ts';
import { Premise } from '../customers/premise.model.ts';
import { Meter } from '../meters/meter.model.ts';
import { MeterReading } from './meter-reading.model.ts';
import { presentReading } from './reading.presenter.ts';
import { ReadingCycle, ReadingTask } from './reading-cycle.model.ts';
import type { ReadingEstimator } from './reading-estimator.ts';
import type { ReadingRulesSource } from './reading-rules.ts';
import { fromMilli, toMilli, usedMilli } from './core/milli.ts';
import { rebuildStates } from './reading-state.store.ts';

/**
 * The exception queue: readings that failed validation wait here, unbilled, until a person
 * accepts them as they are, corrects the value, orders a re-read or has them estimated.
 */
export class ReadingExceptionService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly estimator: ReadingEstimator,
    private readonly rules: ReadingRulesSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(query: ReadingExceptionQuery): Promise<ReadingExceptionList> {
    const where: WhereOptions<MeterReading> = { status: 'exception' };
    if (query.code) Object.assign(where, { problems: { [Op.like]: `%"code":"${query.code.replace(/[^a-z_]/g, '')}"%` } });
    if (query.cycleId || query.bookId) {
      const cycles = await ReadingCycle.findAll({ where: { ...(query.cycleId && { id: query.cycleId }), ...(query.bookId && { bookId: query.bookId }) }, attributes: ['id'] });
      const tasks = await ReadingTask.findAll({ where: { cycleId: cycles.map((c) => c.id), status: 'exception' }, attributes: ['readingId'] });
      Object.assign(where, { id: tasks.map((t) => t.readingId ?? 0) });
    }
    const { rows, count } = await MeterReading.findAndCountAll({ where, order: [['readOn', 'ASC'], ['id', 'ASC']], limit: query.limit, offset: query.offset });
    return { items: await this.present(rows), total: count, limit: query.limit, offset: query.offset };
  }

  async resolve(id: number, input: ReadingResolve): Promise<MeterReadingView> {
    const rules = await this.rules.forCompany((await this.load(id)).companyId);
    const resultId = await this.sequelize.transaction(async (t) => {
      const reading = await MeterReading.findByPk(id, { transaction: t, lock: t.LOCK.UPDATE });
      if (!reading) throw AppError.notFound('reading');
      if (reading.status !== 'exception') throw new AppError('conflict', `the reading is ${reading.status}, not in the exception queue`);
      const task = reading.taskId ? await ReadingTask.findByPk(reading.taskId, { transaction: t, lock: t.LOCK.UPDATE }) : null;
      const resolved = { resolvedBy: currentUserId(), resolvedAt: this.clock.now() };
      let outcomeId = reading.id;
      if (input.action === 'accept') {
        await reading.update({ status: 'accepted', resolution: 'accepted', note: input.note, ...resolved }, { transaction: t });
        await task?.update({ status: 'read' }, { transaction: t });
      } else if (input.action === 'correct') {
        await reading.update({ status: 'superseded', resolution: 'corrected', ...resolved }, { transaction: t });
        const corrected = await MeterReading.create(
          {
            companyId: reading.companyId,
            meterId: reading.meterId,
            accountId: reading.accountId,
            value: input.value,
            readOn: reading.readOn,
            reason: reading.reason,
            source: reading.source,
            status: 'accepted',
            taskId: reading.taskId,
            standardValue: reading.standardValue,
            note: input.note,
            // Marks the value as a person's correction: billing shows it as such.
            resolution: 'corrected',
            ...resolved,
            userId: currentUserId(),
          },
          { transaction: t },
        );
        outcomeId = corrected.id;
        await task?.update({ status: 'read', readingId: corrected.id }, { transaction: t });
      } else if (input.action === 'reread') {
        await reading.update({ status: 'rejected', resolution: 'reread', note: input.note || reading.note, ...resolved }, { transaction: t });
        await task?.update({ status: 'pending', readingId: null, note: input.note || null }, { transaction: t });
      } else {
        await reading.update({ status: 'rejected', resolution: 'estimated', note: input.note || reading.note, ...resolved }, { transaction: t });
        const estimate = await this.estimator.estimateMeter({ companyId: reading.companyId, meterId: reading.meterId, accountId: reading.accountId, taskId: reading.taskId, readOn: reading.readOn }, rules, t);
        if (estimate.readingId) outcomeId = estimate.readingId;
        await task?.update({ status: estimate.readingId ? 'estimated' : 'visit_required', readingId: estimate.readingId }, { transaction: t });
      }
      // Consumption and the meter's state follow from the accepted readings in date order.
      await rebuildStates([reading.meterId], t);
      await this.recomputeConsumption(reading.meterId, t);
      await this.audit.record({ action: 'reading.resolved', companyId: reading.companyId, targetType: 'meter_reading', targetId: reading.id, details: { action: input.action, value: reading.value, ...(input.action === 'correct' && { corrected: input.value }) } }, t);
      return outcomeId;
    });
    return (await this.presentViews([await this.load(resultId)]))[0]!;
  }

  /** Accepted readings' consumption, each from the one before it (after one was added or withdrawn in the middle). */
  private async recomputeConsumption(meterId: number, t: Parameters<typeof rebuildStates>[1]): Promise<void> {
    const accepted = await MeterReading.findAll({ where: { meterId, status: 'accepted' }, order: [['readOn', 'ASC'], ['readAt', 'ASC'], ['id', 'ASC']], transaction: t });
    const meter = await Meter.findByPk(meterId, { transaction: t });
    const digits = meter?.registerDigits ?? 5;
    for (const [i, r] of accepted.entries()) {
      const previous = accepted[i - 1];
      const step = !previous || r.reason === 'install' ? null : usedMilli(toMilli(previous.value), toMilli(r.value), digits);
      const consumption = step && fromMilli(step.used);
      if (consumption !== r.consumption) await r.update({ consumption, rollover: step?.rollover ?? false }, { transaction: t });
    }
  }

  private async load(id: number): Promise<MeterReading> {
    const reading = await MeterReading.findByPk(id);
    if (!reading) throw AppError.notFound('reading');
    return reading;
  }

  private async presentViews(readings: MeterReading[]): Promise<MeterReadingView[]> {
    return (await this.present(readings)).map(({ previous: _p, bookCode: _b, address: _a, ...view }) => view);
  }

  private async present(readings: MeterReading[]): Promise<ReadingExceptionView[]> {
    if (readings.length === 0) return [];
    const meters = new Map((await Meter.findAll({ where: { id: readings.map((r) => r.meterId) }, attributes: ['id', 'serial'] })).map((m) => [m.id, m]));
    const accounts = new Map(
      (await Account.findAll({ where: { id: readings.map((r) => r.accountId ?? 0) }, include: [{ model: Premise, as: 'premise' }], attributes: ['id', 'accountNo', 'readingBookCode'] })).map((a) => [a.id, a]),
    );
    const previous = await Promise.all(
      readings.map((r) =>
        MeterReading.findOne({ where: { meterId: r.meterId, status: 'accepted', [Op.or]: [{ readOn: { [Op.lt]: r.readOn } }, { readOn: r.readOn, id: { [Op.lt]: r.id } }] }, order: [['readOn', 'DESC'], ['id', 'DESC']] }),
      ),
    );
    return readings.map((r, i) => {
      const account = r.accountId ? accounts.get(r.accountId) : undefined;
      const before = previous[i];
      return {
        ...presentReading(r, meters.get(r.meterId)?.serial ?? '', account?.accountNo ?? null),
        previous: before ? { value: before.value, readOn: before.readOn, kind: before.kind } : null,
        bookCode: account?.readingBookCode ?? null,
        address: account?.premise?.fullAddress ?? null,
      };
    });
  }
}
