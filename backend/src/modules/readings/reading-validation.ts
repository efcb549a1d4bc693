import type { ReadingProblemView } from '@gasdesk/schema';
import { checkReading, type ReadingCheckSettings } from './core/reading-checks.ts';
import type { EstimationSettings } from './core/estimation.ts';
import { averageDailyUse, type ReadState } from './read-state.ts';

/** A company's plausibility and estimation rules. */
export interface ReadingRules {
  checks: ReadingCheckSettings;
  estimation: EstimationSettings;
}

/** What validation said about one reading. */
export interface Verdict {
  /** The same value on the same day as the last reading: a re-submission, nothing to store. */
  duplicate: boolean;
  consumption: string | null;
  rollover: boolean;
  problems: ReadingProblemView[];
}

/** Validates one reading against its meter's state (the last accepted reading and the usual use). */
export function validateReading(meter: { registerDigits: number; maxFlow: string }, state: ReadState | null, occupied: boolean, candidate: { value: string; readOn: string }, rules: ReadingRules): Verdict {
  return checkReading({
    candidate,
    meter,
    last: state && { value: state.lastValue, readOn: state.lastReadOn },
    history: { dailyUse: averageDailyUse(state), periods: state?.actualPeriods ?? 0 },
    occupied,
    settings: rules.checks,
  });
}
