import type { ReadingKind } from '@gasdesk/schema';
import { fromMilli, toMilli } from './core/milli.ts';

/** How many recent actual periods the average daily use rests on. */
export const HISTORY_WINDOW = 6;

/** A meter's standing after its last accepted reading (the pure counterpart of `meter_read_states`). */
export interface ReadState {
  lastReadingId: number;
  lastValue: string;
  lastReadOn: string;
  lastReadAt: Date | null;
  lastKind: ReadingKind;
  /** Actual-to-actual periods behind the average, at most HISTORY_WINDOW. */
  actualPeriods: number;
  actualDays: number;
  actualVolume: string;
  consecutiveEstimates: number;
}

/** An accepted reading, in the order the meter's readings are accepted. */
export interface AcceptedReading {
  id: number;
  value: string;
  readOn: string;
  readAt: Date | null;
  kind: ReadingKind;
  /** m³ since the previous accepted reading; null for a meter's first one. */
  consumption: string | null;
  /** A removal or install starts the meter's count afresh: no period is taken from it. */
  startsMeter?: boolean;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/**
 * The state after one more accepted reading. A period between two actual readings joins the
 * history; once the window is full, the older history is scaled down by one period's share
 * before the new one is added, so the average follows recent use without keeping every period.
 * Folding a meter's readings in order gives the same state as advancing one at a time, which is
 * how a rebuild agrees with the incremental path.
 */
export function advanceReadState(state: ReadState | null, reading: AcceptedReading): ReadState {
  const base = {
    lastReadingId: reading.id,
    lastValue: reading.value,
    lastReadOn: reading.readOn,
    lastReadAt: reading.readAt,
    lastKind: reading.kind,
  };
  if (!state || reading.startsMeter) {
    return { ...base, actualPeriods: state?.actualPeriods ?? 0, actualDays: state?.actualDays ?? 0, actualVolume: state?.actualVolume ?? '0.000', consecutiveEstimates: reading.kind === 'estimated' ? 1 : 0 };
  }
  const consecutiveEstimates = reading.kind === 'estimated' ? state.consecutiveEstimates + 1 : 0;
  const days = dayNumber(reading.readOn) - dayNumber(state.lastReadOn);
  const countsAsHistory = reading.kind === 'actual' && state.lastKind === 'actual' && reading.consumption !== null && days > 0;
  if (!countsAsHistory) return { ...base, actualPeriods: state.actualPeriods, actualDays: state.actualDays, actualVolume: state.actualVolume, consecutiveEstimates };
  let periods = state.actualPeriods;
  let totalDays = state.actualDays;
  let volume = toMilli(state.actualVolume);
  if (periods >= HISTORY_WINDOW) {
    const keep = (HISTORY_WINDOW - 1) / HISTORY_WINDOW;
    periods = HISTORY_WINDOW - 1;
    totalDays = Math.round(totalDays * keep);
    volume = Math.round(volume * keep);
  }
  return {
    ...base,
    actualPeriods: periods + 1,
    actualDays: totalDays + days,
    actualVolume: fromMilli(volume + toMilli(reading.consumption!)),
    consecutiveEstimates,
  };
}

/** Average m³ a day over the history, or null with no actual period yet. */
export function averageDailyUse(state: Pick<ReadState, 'actualDays' | 'actualVolume'> | null): string | null {
  if (!state || state.actualDays <= 0) return null;
  return fromMilli(Math.round(toMilli(state.actualVolume) / state.actualDays));
}
