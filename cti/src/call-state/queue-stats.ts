/** Counters of one queue since the figures were started. Waits are the queue waits of answered calls, in seconds. */
export interface QueueCounters {
  readonly answered: number;
  readonly answeredWithinServiceLevel: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly waits: readonly number[];
}

export const NO_COUNTS: QueueCounters = { answered: 0, answeredWithinServiceLevel: 0, abandoned: 0, shortAbandoned: 0, waits: [] };

/** The queue's figures as the wallboard shows them; each is defined in `QueueSnapshot` (schema). */
export interface QueueFigures {
  serviceLevelPercent: number | null;
  serviceLevelOfferedPercent: number | null;
  abandonRatePercent: number | null;
  asaSeconds: number | null;
  asaP90Seconds: number | null;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** `part ÷ whole × 100` to one decimal; null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? oneDecimal((100 * part) / whole) : null;
}

/** The arithmetic mean to one decimal; null for no values. */
export function mean(values: readonly number[]): number | null {
  return values.length > 0 ? oneDecimal(values.reduce((a, b) => a + b, 0) / values.length) : null;
}

/** The nearest-rank percentile (`p` in 0–1): the smallest value with at least p of the values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length))) - 1]!;
}

/** Counts one answered call. */
export function countAnswered(counts: QueueCounters, waitSeconds: number, serviceLevelSeconds: number): QueueCounters {
  return {
    ...counts,
    answered: counts.answered + 1,
    answeredWithinServiceLevel: counts.answeredWithinServiceLevel + (waitSeconds <= serviceLevelSeconds ? 1 : 0),
    waits: [...counts.waits, waitSeconds],
  };
}

/** Counts one abandon; one that waited less than `shortAbandonSeconds` also counts as short. */
export function countAbandoned(counts: QueueCounters, waitedSeconds: number, shortAbandonSeconds: number): QueueCounters {
  return { ...counts, abandoned: counts.abandoned + 1, shortAbandoned: counts.shortAbandoned + (waitedSeconds < shortAbandonSeconds ? 1 : 0) };
}

export function queueFigures(counts: QueueCounters): QueueFigures {
  const abandoned = counts.abandoned - counts.shortAbandoned;
  const offered = counts.answered + abandoned;
  return {
    serviceLevelPercent: percent(counts.answeredWithinServiceLevel, counts.answered),
    serviceLevelOfferedPercent: percent(counts.answeredWithinServiceLevel, offered),
    abandonRatePercent: percent(abandoned, offered),
    asaSeconds: mean(counts.waits),
    asaP90Seconds: percentile(counts.waits, 0.9),
  };
}
