import type { TierCycle } from '@gasdesk/schema';
import { daysBetween } from '../../readings/core/milli.ts';

/** Month (1–12) a tier cycle tied to the reading schedule starts: odd-month books in November, even-month ones in December, monthly ones in January. */
const SCHEDULE_START: Record<string, number> = { monthly: 1, odd_months: 11, even_months: 12 };

const iso = (year: number, month: number, day: number) => `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The month and day a cycle starts on, for an account read on `schedule`. */
export function cycleAnchor(cycle: TierCycle, schedule: string): { month: number; day: number } {
  if (cycle.anchor === 'fixed') return { month: cycle.month, day: cycle.day };
  if (cycle.anchor === 'reading_schedule') return { month: SCHEDULE_START[schedule] ?? 1, day: 1 };
  return { month: 1, day: 1 };
}

/** The yearly cycle that holds `day`: its first day and the next cycle's first day. */
export function cycleOf(day: string, anchor: { month: number; day: number }): { start: string; next: string } {
  const year = Number(day.slice(0, 4));
  const thisYear = iso(year, anchor.month, anchor.day);
  const startYear = day >= thisYear ? year : year - 1;
  return { start: iso(startYear, anchor.month, anchor.day), next: iso(startYear + 1, anchor.month, anchor.day) };
}

/**
 * The share of a cycle an account had, when it opened inside it: the months left counting the
 * month it opened, or the days left, over the whole; 1 when it held the whole cycle.
 */
export function partialShare(openedOn: string, cycle: { start: string; next: string }, basis: 'months' | 'days' | 'none'): { numerator: number; denominator: number } {
  if (basis === 'none' || openedOn <= cycle.start || openedOn >= cycle.next) return { numerator: 1, denominator: 1 };
  if (basis === 'days') return { numerator: daysBetween(openedOn, cycle.next), denominator: daysBetween(cycle.start, cycle.next) };
  const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  return { numerator: monthIndex(cycle.next) - monthIndex(openedOn), denominator: 12 };
}
