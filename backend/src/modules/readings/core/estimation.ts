import { daysBetween, fromMilli, toMilli } from './milli.ts';

export interface EstimationSettings {
  /** Estimates in a row a meter may have; the next unread period needs a visit instead. */
  maxConsecutiveEstimates: number;
  /** Actual periods the recent average must rest on. */
  minActualPeriods: number;
  /** Last year's period stands for this one when its length differs by at most this many days. */
  lastYearToleranceDays: number;
}

export const DEFAULT_ESTIMATION: EstimationSettings = { maxConsecutiveEstimates: 2, minActualPeriods: 3, lastYearToleranceDays: 10 };

export type EstimationMethod = 'same_period_last_year' | 'recent_average' | 'category_average';

export interface EstimateInput {
  /** The last accepted reading's date, and the date to estimate for. */
  from: string;
  to: string;
  /** The same stretch a year earlier, between two readings, when there is one. */
  lastYear: { from: string; to: string; volume: string; bothActual: boolean } | null;
  /** m³ a day over the meter's recent actual periods, and how many there were. */
  recent: { dailyUse: string | null; periods: number };
  /** m³ a day of the account's user category in the company, when known. */
  categoryDailyUse: string | null;
  /** Estimates the meter has had in a row up to now. */
  consecutiveEstimates: number;
  settings: EstimationSettings;
}

export type Estimate =
  | { kind: 'estimate'; method: EstimationMethod; volume: string; dailyUse: string; days: number; basis: string; params: Record<string, string | number> }
  | { kind: 'visit_required'; reason: 'estimates_capped' | 'no_basis'; basis: string; params: Record<string, string | number> };

/**
 * How much gas an unread meter used, by the first method that applies: the same period last year
 * when it is representative (both ends actual, about as long), else the meter's recent average
 * over enough actual periods, else its category's average. A meter that has had its allowed
 * estimates in a row, or has no basis at all, needs a visit instead.
 */
export function estimateUse(input: EstimateInput): Estimate {
  const { settings } = input;
  if (input.consecutiveEstimates >= settings.maxConsecutiveEstimates) {
    return { kind: 'visit_required', reason: 'estimates_capped', basis: `${input.consecutiveEstimates} estimates in a row already: someone must read the meter`, params: { estimates: input.consecutiveEstimates } };
  }
  const days = Math.max(0, daysBetween(input.from, input.to));
  const ly = input.lastYear;
  if (ly && ly.bothActual) {
    const lyDays = daysBetween(ly.from, ly.to);
    if (lyDays > 0 && Math.abs(lyDays - days) <= settings.lastYearToleranceDays) {
      const daily = toMilli(ly.volume) / lyDays;
      return estimate('same_period_last_year', daily, days, `the same period last year: ${ly.volume} m³ from ${ly.from} to ${ly.to}`, { lastYearVolume: ly.volume, lastYearFrom: ly.from, lastYearTo: ly.to });
    }
  }
  if (input.recent.dailyUse !== null && input.recent.periods >= settings.minActualPeriods) {
    return estimate('recent_average', toMilli(input.recent.dailyUse), days, `the average of the last ${input.recent.periods} actual periods: ${input.recent.dailyUse} m³ a day`, { periods: input.recent.periods });
  }
  if (input.categoryDailyUse !== null) {
    return estimate('category_average', toMilli(input.categoryDailyUse), days, `the category's average: ${input.categoryDailyUse} m³ a day`, {});
  }
  return { kind: 'visit_required', reason: 'no_basis', basis: 'no history and no category average to estimate from', params: {} };
}

function estimate(method: EstimationMethod, dailyMilli: number, days: number, basis: string, params: Record<string, string | number>): Estimate {
  const volume = fromMilli(Math.round(dailyMilli * days));
  return { kind: 'estimate', method, volume, dailyUse: fromMilli(Math.round(dailyMilli)), days, basis: `${volume} m³ for ${days} days, from ${basis}`, params: { ...params, days } };
}

/**
 * When an actual reading follows estimates: what the period since the last actual reading really
 * used, what the estimates had counted, and the difference to bill or credit (negative: a credit).
 */
export function trueUp(lastActualValue: string, actualValue: string, estimatedVolumes: readonly string[], registerDigits: number): { actual: string; estimated: string; adjustment: string } {
  const from = toMilli(lastActualValue);
  const to = toMilli(actualValue);
  const actual = to >= from ? to - from : 10 ** registerDigits * 1000 - from + to;
  const estimated = estimatedVolumes.reduce((sum, v) => sum + toMilli(v), 0);
  return { actual: fromMilli(actual), estimated: fromMilli(estimated), adjustment: fromMilli(actual - estimated) };
}
