import type { ReadingProblemCode } from '@gasdesk/schema';
import { daysBetween, fromMilli, toMilli, usedMilli } from './milli.ts';


/** Why a reading is not accepted as it is. The desk translates the code; `params` carry the figures. */
export interface ReadingProblem {
  code: ReadingProblemCode;
  /** For people reading logs and the API: the desk says the same from `code` and `params`. */
  message: string;
  params: Record<string, string | number>;
}

/** A company's plausibility rules; every figure is data, never code. */
export interface ReadingCheckSettings {
  /** Use above `highFactor` × the usual for the period is queued. */
  highFactor: number;
  /** Use below `lowFactor` × the usual (but above zero) is queued. */
  lowFactor: number;
  /** High/low apply only once the history rests on this many actual periods. */
  minHistoryPeriods: number;
  /** Hours a day a meter may run at its maximum flow: bounds use and a plausible rollover. */
  maxFlowHoursPerDay: number;
  /** Zero use at an occupied premise is queued from this many days on (a re-read next day may well be zero). */
  zeroUseMinDays: number;
}

export const DEFAULT_READING_CHECKS: ReadingCheckSettings = {
  highFactor: 3,
  lowFactor: 0.3,
  minHistoryPeriods: 3,
  maxFlowHoursPerDay: 24,
  zeroUseMinDays: 20,
};

export interface ReadingCheckInput {
  /** The value read (m³, up to 3 decimals) and its business date. */
  candidate: { value: string; readOn: string };
  meter: { registerDigits: number; maxFlow: string };
  /** The meter's last accepted reading, or null for its first. */
  last: { value: string; readOn: string } | null;
  /** The usual use: m³ a day over recent actual periods, and how many periods that rests on. */
  history: { dailyUse: string | null; periods: number };
  /** An active account at the premise: somebody should be using gas. */
  occupied: boolean;
  settings: ReadingCheckSettings;
}

export interface ReadingVerdict {
  /** The last reading again (same day, same value): a re-submission that should change nothing. */
  duplicate: boolean;
  /** m³ since the last reading (through a rollover when there was one); null when it cannot be told. */
  consumption: string | null;
  rollover: boolean;
  problems: ReadingProblem[];
}

const ok = (consumption: string | null, rollover = false): ReadingVerdict => ({ duplicate: false, consumption, rollover, problems: [] });

/**
 * Checks one reading against its meter's last accepted reading and usual use. Order of the
 * checks: dates first (a reading before the last one cannot be placed), then the register (a
 * lower value is a rollover only when the meter could have run that far at its maximum flow in
 * the time between), then the amount against the meter's maximum flow and the usual use.
 */
export function checkReading(input: ReadingCheckInput): ReadingVerdict {
  const { candidate, last, meter, settings } = input;
  if (!last) return ok(null);
  const days = daysBetween(last.readOn, candidate.readOn);
  const value = toMilli(candidate.value);
  const lastValue = toMilli(last.value);
  if (days < 0) {
    return { duplicate: false, consumption: null, rollover: false, problems: [problem('date_before_last', `read on ${candidate.readOn}, before the last reading on ${last.readOn}`, { lastReadOn: last.readOn, readOn: candidate.readOn })] };
  }
  if (days === 0) {
    if (value === lastValue) return { duplicate: true, consumption: null, rollover: false, problems: [] };
    return {
      duplicate: false,
      consumption: null,
      rollover: false,
      problems: [problem('same_day_different_value', `${fromMilli(value)} on ${candidate.readOn}, the day the meter already read ${fromMilli(lastValue)}`, { lastValue: fromMilli(lastValue), value: fromMilli(value) })],
    };
  }
  const capacity = Math.round(Number(meter.maxFlow) * settings.maxFlowHoursPerDay * days * 1000);
  const { used, rollover } = usedMilli(lastValue, value, meter.registerDigits);
  if (rollover && used > capacity) {
    return {
      duplicate: false,
      consumption: null,
      rollover: false,
      problems: [
        problem('lower_than_last', `${fromMilli(value)} is below the last reading ${fromMilli(lastValue)} (${last.readOn}); a rollover would mean ${fromMilli(used)} m³ in ${days} days, more than the meter can pass`, {
          lastValue: fromMilli(lastValue),
          lastReadOn: last.readOn,
          value: fromMilli(value),
          rolloverUse: fromMilli(used),
          days,
        }),
      ],
    };
  }
  const consumption = fromMilli(used);
  const problems: ReadingProblem[] = [];
  if (used > capacity) {
    problems.push(problem('above_max_flow', `${consumption} m³ in ${days} days is more than the meter passes at its maximum flow (${fromMilli(capacity)} m³)`, { consumption, days, capacity: fromMilli(capacity) }));
  } else if (input.history.dailyUse !== null && input.history.periods >= settings.minHistoryPeriods) {
    const usual = Math.round(toMilli(input.history.dailyUse) * days);
    if (usual > 0 && used > usual * settings.highFactor) {
      problems.push(problem('high_use', `${consumption} m³ in ${days} days, over ${settings.highFactor} × the usual ${fromMilli(usual)} m³`, { consumption, usual: fromMilli(usual), factor: settings.highFactor, days }));
    } else if (usual > 0 && used > 0 && used < usual * settings.lowFactor) {
      problems.push(problem('low_use', `${consumption} m³ in ${days} days, under ${settings.lowFactor} × the usual ${fromMilli(usual)} m³`, { consumption, usual: fromMilli(usual), factor: settings.lowFactor, days }));
    }
  }
  if (used === 0 && input.occupied && days >= settings.zeroUseMinDays) {
    problems.push(problem('zero_use_occupied', `no gas used in ${days} days at an occupied premise`, { days }));
  }
  return { duplicate: false, consumption, rollover, problems };
}

function problem(code: ReadingProblemCode, message: string, params: Record<string, string | number>): ReadingProblem {
  return { code, message, params };
}
