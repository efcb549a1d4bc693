import type { AccountConsumption, ConsumptionQuery } from '@gasdesk/schema';
import { periodConsumption } from './core/period-consumption.ts';
import { billedVolume } from './core/volume-correction.ts';
import type { MeterReading } from './meter-reading.model.ts';

/** The account's consumption view from its accepted readings in date order (see core/period-consumption.ts). */
export function accountConsumption(accountId: number, query: ConsumptionQuery, readings: readonly MeterReading[], registerDigits: ReadonlyMap<number, number>): AccountConsumption {
  const result = periodConsumption(
    readings.map((r) => ({
      meterId: r.meterId,
      registerDigits: registerDigits.get(r.meterId) ?? 5,
      value: r.value,
      readOn: r.readOn,
      reason: r.reason,
      kind: r.kind,
      standardValue: r.standardValue,
      corrected: r.resolution === 'corrected',
    })),
    query.from,
    query.to,
  );
  const base = { accountId, from: query.from, to: query.to };
  if (!result.covered) return { ...base, covered: false, volume: null, standardVolume: null, standardSource: 'none', provenance: [], segments: [], explanation: result.explanation };
  const conditions = query.pressureKpa !== undefined && query.temperatureC !== undefined ? { pressureKpa: String(query.pressureKpa), temperatureC: String(query.temperatureC) } : null;
  const standard = billedVolume(result.volume, result.standardVolume, conditions);
  return { ...base, covered: true, volume: result.volume, standardVolume: standard.standard, standardSource: standard.source, provenance: result.provenance, segments: result.segments, explanation: result.explanation };
}
