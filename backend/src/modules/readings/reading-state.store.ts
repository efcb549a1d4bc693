import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import { MeterReadState } from './meter-read-state.model.ts';
import { MeterReading } from './meter-reading.model.ts';
import { estimateUse } from './core/estimation.ts';
import { daysBetween, fromMilli, toMilli } from './core/milli.ts';
import { advanceReadState, averageDailyUse, type ReadState } from './read-state.ts';
import { CompanyReadingRules } from './reading-rules.ts';
import { saveStates } from './reading-intake.ts';

/** Registry reasons that start a meter's count at a premise: no period is taken across them. */
const STARTS_METER = new Set(['install']);

/**
 * Rebuilds meters' states from their accepted readings, in date order: after a reading other than
 * the newest was accepted, corrected or withdrawn. A meter left with no accepted reading loses
 * its state row.
 */
export async function rebuildStates(meterIds: readonly number[], t: Transaction): Promise<void> {
  if (meterIds.length === 0) return;
  const readings = await MeterReading.findAll({
    where: { meterId: [...meterIds], status: 'accepted' },
    order: [['meterId', 'ASC'], ['readOn', 'ASC'], ['readAt', 'ASC'], ['id', 'ASC']],
    transaction: t,
  });
  const states = new Map<number, { companyId: number; state: ReadState | null }>();
  for (const r of readings) {
    const entry = states.get(r.meterId) ?? { companyId: r.companyId, state: null };
    entry.state = advanceReadState(entry.state, { id: r.id, value: r.value, readOn: r.readOn, readAt: r.readAt, kind: r.kind, consumption: r.consumption, startsMeter: STARTS_METER.has(r.reason) });
    states.set(r.meterId, entry);
  }
  const gone = meterIds.filter((id) => !states.has(id));
  if (gone.length > 0) await MeterReadState.destroy({ where: { meterId: gone }, transaction: t });
  await saveStates([...states].map(([meterId, { companyId, state }]) => ({ meterId, companyId, state: state! })), t);
}

/**
 * The registry's reading of a meter's life (install, removal, transfer, close), already checked
 * against the last one by the registry: stores it accepted and moves the meter's state on.
 */
export async function recordLifeReading(input: { companyId: number; meterId: number; accountId: number | null; value: string; readOn: string; reason: string; userId: number | null }, t: Transaction): Promise<MeterReading> {
  const current = await MeterReadState.findByPk(input.meterId, { transaction: t, lock: t.LOCK.UPDATE });
  const startsMeter = STARTS_METER.has(input.reason);
  const consumption = current && !startsMeter ? new Decimal(input.value).minus(current.lastValue).toFixed(3) : null;
  const reading = await MeterReading.create({ ...input, source: 'registry', consumption }, { transaction: t });
  const state = advanceReadState(current && (current.get({ plain: true }) as ReadState), { id: reading.id, value: reading.value, readOn: reading.readOn, readAt: null, kind: 'actual', consumption, startsMeter });
  await saveStates([{ meterId: input.meterId, companyId: input.companyId, state }], t);
  return reading;
}

/**
 * The use of a meter taken away for verification and brought back (the estimation method): an
 * estimated reading on the day it returns, its register value plus what the meter's recent
 * average (else its category's) says was used meanwhile. The caller records the register again
 * right after, as an install reading, so the count goes on from where it stopped.
 */
export async function estimateAbsence(input: { companyId: number; meterId: number; accountId: number; registerDigits: number; takenOn: string; takenValue: string; returnedOn: string }, t: Transaction): Promise<{ volume: string; days: number; basis: string }> {
  const state = await MeterReadState.findByPk(input.meterId, { transaction: t, lock: t.LOCK.UPDATE });
  const rules = await new CompanyReadingRules().forCompany(input.companyId);
  const estimate = estimateUse({
    from: input.takenOn,
    to: input.returnedOn,
    lastYear: null,
    recent: { dailyUse: averageDailyUse(state), periods: state?.actualPeriods ?? 0 },
    categoryDailyUse: null,
    // The cap is about meters nobody reads; this one was read when it left.
    consecutiveEstimates: 0,
    settings: { ...rules.estimation, minActualPeriods: 1 },
  });
  const result = estimate.kind === 'estimate' ? estimate : { volume: '0.000', days: daysBetween(input.takenOn, input.returnedOn), basis: estimate.basis };
  const wrap = 10 ** input.registerDigits * 1000;
  const value = fromMilli((toMilli(input.takenValue) + toMilli(result.volume)) % wrap);
  const reading = await MeterReading.create(
    { companyId: input.companyId, meterId: input.meterId, accountId: input.accountId, value, readOn: input.returnedOn, reason: 'calibration', source: 'estimate', kind: 'estimated', consumption: result.volume, rollover: toMilli(value) < toMilli(input.takenValue), note: result.basis.slice(0, 200), userId: null },
    { transaction: t },
  );
  const next = advanceReadState(state && (state.get({ plain: true }) as ReadState), { id: reading.id, value, readOn: input.returnedOn, readAt: null, kind: 'estimated', consumption: result.volume });
  await saveStates([{ meterId: input.meterId, companyId: input.companyId, state: next }], t);
  return { volume: result.volume, days: result.days, basis: result.basis };
}
