import { addDays } from '@gasdesk/schema';
import { Op, type Transaction } from 'sequelize';
import { Account } from '../customers/account.model.ts';
import { Meter } from '../meters/meter.model.ts';
import { estimateUse, type Estimate } from './core/estimation.ts';
import { daysBetween, fromMilli, toMilli } from './core/milli.ts';
import { MeterReadState } from './meter-read-state.model.ts';
import { MeterReading } from './meter-reading.model.ts';
import { advanceReadState, averageDailyUse, type ReadState } from './read-state.ts';
import type { ReadingTask } from './reading-cycle.model.ts';
import { saveStates } from './reading-intake.ts';
import type { ReadingRules } from './reading-validation.ts';

export interface MeterToEstimate {
  companyId: number;
  meterId: number;
  accountId: number | null;
  taskId: number | null;
  readOn: string;
}

/** Estimates for meters nobody could read: an estimated reading, or a visit when estimating is not allowed. */
export interface ReadingEstimator {
  /** Closes a cycle's unread tasks: each estimated, answered by a later reading, or marked for a visit. */
  estimateTasks(tasks: ReadingTask[], readOn: string, rules: ReadingRules, t: Transaction): Promise<{ estimated: number; visitRequired: number }>;
  /** One meter's estimate on `readOn`; null reading when a visit is required. */
  estimateMeter(input: MeterToEstimate, rules: ReadingRules, t: Transaction): Promise<{ readingId: number | null; estimate: Estimate | null }>;
}

/** A year back, and how far from it a reading may lie to stand for that day. */
const YEAR_DAYS = 365;

export class DbReadingEstimator implements ReadingEstimator {
  async estimateTasks(tasks: ReadingTask[], readOn: string, rules: ReadingRules, t: Transaction): Promise<{ estimated: number; visitRequired: number }> {
    let estimated = 0;
    let visitRequired = 0;
    const categories = new Map<string, string | null>();
    for (const task of tasks) {
      const state = await MeterReadState.findByPk(task.meterId, { transaction: t });
      // The meter was read on or after the planned day all the same (a head-end, a self-read): that reading answers the task.
      if (state && state.lastReadOn >= readOn) {
        await task.update({ status: 'read', readingId: state.lastReadingId }, { transaction: t });
        continue;
      }
      const { readingId } = await this.estimateOne({ companyId: task.companyId, meterId: task.meterId, accountId: task.accountId, taskId: task.id, readOn }, rules, t, categories);
      if (readingId) estimated += 1;
      else visitRequired += 1;
      await task.update({ status: readingId ? 'estimated' : 'visit_required', readingId }, { transaction: t });
    }
    return { estimated, visitRequired };
  }

  estimateMeter(input: MeterToEstimate, rules: ReadingRules, t: Transaction): Promise<{ readingId: number | null; estimate: Estimate | null }> {
    return this.estimateOne(input, rules, t, new Map());
  }

  /** `categories` keeps each category's average for the run: a cycle's meters share a few categories. */
  private async estimateOne(input: MeterToEstimate, rules: ReadingRules, t: Transaction, categories: Map<string, string | null>): Promise<{ readingId: number | null; estimate: Estimate | null }> {
    const row = await MeterReadState.findByPk(input.meterId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!row) return { readingId: null, estimate: null };
    const state = row.get({ plain: true }) as ReadState;
    const meter = await Meter.findByPk(input.meterId, { attributes: ['id', 'registerDigits'], transaction: t });
    const estimate = estimateUse({
      from: state.lastReadOn,
      to: input.readOn,
      lastYear: await lastYearPeriod(input.meterId, state.lastReadOn, input.readOn, rules.estimation.lastYearToleranceDays, t),
      recent: { dailyUse: averageDailyUse(state), periods: state.actualPeriods },
      categoryDailyUse: input.accountId ? await categoryDailyUse(input.accountId, categories, t) : null,
      consecutiveEstimates: state.consecutiveEstimates,
      settings: rules.estimation,
    });
    if (estimate.kind !== 'estimate') return { readingId: null, estimate };
    const wrap = 10 ** (meter?.registerDigits ?? 5) * 1000;
    const value = fromMilli((toMilli(state.lastValue) + toMilli(estimate.volume)) % wrap);
    const reading = await MeterReading.create(
      {
        companyId: input.companyId,
        meterId: input.meterId,
        accountId: input.accountId,
        value,
        readOn: input.readOn,
        reason: 'periodic',
        source: 'estimate',
        kind: 'estimated',
        status: 'accepted',
        taskId: input.taskId,
        consumption: estimate.volume,
        rollover: toMilli(value) < toMilli(state.lastValue),
        note: estimate.basis.slice(0, 200),
        userId: null,
      },
      { transaction: t },
    );
    const next = advanceReadState(state, { id: reading.id, value, readOn: input.readOn, readAt: null, kind: 'estimated', consumption: estimate.volume });
    await saveStates([{ meterId: input.meterId, companyId: input.companyId, state: next }], t);
    return { readingId: reading.id, estimate };
  }
}

/** The meter's accepted readings nearest the same two days a year earlier, when both lie close enough. */
async function lastYearPeriod(meterId: number, from: string, to: string, toleranceDays: number, t: Transaction) {
  const fromLy = addDays(from, -YEAR_DAYS);
  const toLy = addDays(to, -YEAR_DAYS);
  const readings = await MeterReading.findAll({
    where: { meterId, status: 'accepted', readOn: { [Op.between]: [addDays(fromLy, -toleranceDays), addDays(toLy, toleranceDays)] } },
    order: [['readOn', 'ASC'], ['id', 'ASC']],
    transaction: t,
  });
  const nearest = (day: string) => readings.reduce<MeterReading | null>((best, r) => (Math.abs(daysBetween(day, r.readOn)) <= toleranceDays && (!best || Math.abs(daysBetween(day, r.readOn)) < Math.abs(daysBetween(day, best.readOn))) ? r : best), null);
  const start = nearest(fromLy);
  const end = nearest(toLy);
  if (!start || !end || end.readOn <= start.readOn) return null;
  const between = readings.filter((r) => r.readOn > start.readOn && r.readOn <= end.readOn);
  const volume = between.reduce((sum, r) => sum + toMilli(r.consumption ?? '0'), 0);
  return { from: start.readOn, to: end.readOn, volume: fromMilli(volume), bothActual: start.kind === 'actual' && end.kind === 'actual' };
}

/** m³ a day over the actual history of every meter at accounts of the same category in the company. */
async function categoryDailyUse(accountId: number, cache: Map<string, string | null>, t: Transaction): Promise<string | null> {
  const account = await Account.findByPk(accountId, { attributes: ['id', 'category'], transaction: t });
  if (!account) return null;
  if (!cache.has(account.category)) cache.set(account.category, await averageOfCategory(account.category, t));
  return cache.get(account.category)!;
}

async function averageOfCategory(category: string, t: Transaction): Promise<string | null> {
  const accounts = await Account.findAll({ where: { category, status: 'active' }, attributes: ['id'], transaction: t });
  const meters = await Meter.findAll({ where: { accountId: accounts.map((a) => a.id), status: 'installed' }, attributes: ['id'], transaction: t });
  const states = await MeterReadState.findAll({ where: { meterId: meters.map((m) => m.id), actualDays: { [Op.gt]: 0 } }, attributes: ['actualDays', 'actualVolume'], transaction: t });
  const days = states.reduce((sum, s) => sum + s.actualDays, 0);
  if (days === 0) return null;
  return fromMilli(Math.round(states.reduce((sum, s) => sum + toMilli(s.actualVolume), 0) / days));
}
