import { Decimal } from 'decimal.js';
import type { Transaction } from 'sequelize';
import { MeterReadState } from './meter-read-state.model.ts';
import { MeterReading } from './meter-reading.model.ts';
import { advanceReadState, type ReadState } from './read-state.ts';
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
