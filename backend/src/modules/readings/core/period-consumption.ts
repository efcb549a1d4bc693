import { fromMilli, toMilli, usedMilli } from './milli.ts';

/** An accepted reading of an account, in date order; `standardValue` is a corrector's standard total. */
export interface SeriesReading {
  meterId: number;
  registerDigits: number;
  value: string;
  readOn: string;
  reason: string;
  kind: 'actual' | 'estimated';
  standardValue: string | null;
  /** A person changed the value in the exception queue. */
  corrected: boolean;
}

export type Provenance = 'actual' | 'estimated' | 'corrected' | 'meter_change';

export interface Segment {
  meterId: number;
  from: { value: string; readOn: string; kind: 'actual' | 'estimated' };
  to: { value: string; readOn: string; kind: 'actual' | 'estimated' };
  volume: string;
  rollover: boolean;
}

export type PeriodConsumption =
  | { covered: true; volume: string; standardVolume: string | null; provenance: Provenance[]; segments: Segment[]; explanation: string }
  | { covered: false; missing: 'start' | 'end'; explanation: string };

/**
 * An account's consumption from one reading date to another: the sum over each meter's
 * consecutive readings in the period. A meter change inside it adds the old meter's use up to its
 * removal and the new one's from its install, one volume for the tiers. The period must start and
 * end on readings (an interim reading splits a price change); otherwise it is not covered.
 */
export function periodConsumption(readings: readonly SeriesReading[], from: string, to: string): PeriodConsumption {
  const inside = readings.filter((r) => r.readOn >= from && r.readOn <= to);
  if (!inside.some((r) => r.readOn === from)) return { covered: false, missing: 'start', explanation: `no accepted reading on ${from}` };
  if (!inside.some((r) => r.readOn === to)) return { covered: false, missing: 'end', explanation: `no accepted reading on ${to}` };
  const segments: Segment[] = [];
  let total = 0;
  let standard: number | null = 0;
  const provenance = new Set<Provenance>();
  const lastOf = new Map<number, SeriesReading>();
  for (const r of inside) {
    const previous = lastOf.get(r.meterId);
    lastOf.set(r.meterId, r);
    if (r.corrected) provenance.add('corrected');
    if (!previous || r.reason === 'install') continue;
    const { used, rollover } = usedMilli(toMilli(previous.value), toMilli(r.value), r.registerDigits);
    total += used;
    standard = standard !== null && previous.standardValue !== null && r.standardValue !== null ? standard + toMilli(r.standardValue) - toMilli(previous.standardValue) : null;
    provenance.add(previous.kind === 'estimated' || r.kind === 'estimated' ? 'estimated' : 'actual');
    segments.push({ meterId: r.meterId, from: dated(previous), to: dated(r), volume: fromMilli(used), rollover });
  }
  if (lastOf.size > 1) provenance.add('meter_change');
  if (segments.length === 0) standard = null;
  const volume = fromMilli(total);
  const parts = segments.map((s) => `${s.volume} m³ on meter ${s.meterId} (${s.from.value} on ${s.from.readOn} → ${s.to.value} on ${s.to.readOn}${s.rollover ? ', through a rollover' : ''})`);
  return {
    covered: true,
    volume,
    standardVolume: standard === null ? null : fromMilli(standard),
    provenance: [...provenance].sort(),
    segments,
    explanation: segments.length === 0 ? `no gas counted from ${from} to ${to}` : `${volume} m³ from ${from} to ${to}: ${parts.join(' + ')}`,
  };
}

const dated = (r: SeriesReading) => ({ value: r.value, readOn: r.readOn, kind: r.kind });
