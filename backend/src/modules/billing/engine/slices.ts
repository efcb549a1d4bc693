import { addDays } from '@gasdesk/schema';
import { daysBetween } from '../../readings/core/milli.ts';

/**
 * A stretch of a bill period: the days after `from` up to and including `to` (reading dates, so
 * the period's days are `(from, to]`), and the litres (m³ × 1000) used in it.
 */
export interface Slice {
  from: string;
  to: string;
  days: number;
  milli: number;
  /** `interim`: both ends are readings; `days`: at least one end was shared out by days. */
  basis: 'interim' | 'days';
}

/**
 * Cuts the period `(from, to]` after each cut date strictly inside it, and shares the period's
 * volume among the pieces: at a reading the register says how much was used by then; between
 * readings the use is spread evenly over the days (interpolated from the readings on either
 * side), so the pieces always add up to the whole, litre for litre.
 *
 * `interim`: litres used from `from` up to each interim reading date.
 */
export function slicePeriod(from: string, to: string, totalMilli: number, cuts: readonly string[], interim: ReadonlyMap<string, number>): Slice[] {
  const inside = [...new Set(cuts)].filter((c) => c > from && c < to).sort();
  const known: [string, number][] = [[from, 0], ...[...interim].filter(([d]) => d > from && d < to).sort(([a], [b]) => a.localeCompare(b)), [to, totalMilli]];
  const usedBy = (date: string): { milli: number; read: boolean } => {
    const exact = known.find(([d]) => d === date);
    if (exact) return { milli: exact[1], read: true };
    const after = known.findIndex(([d]) => d > date);
    const [d0, m0] = known[after - 1]!;
    const [d1, m1] = known[after]!;
    return { milli: m0 + Math.round(((m1 - m0) * daysBetween(d0, date)) / daysBetween(d0, d1)), read: false };
  };
  const edges = [from, ...inside, to].map((date) => ({ date, ...usedBy(date) }));
  return edges.slice(1).map((end, i) => {
    const start = edges[i]!;
    return { from: start.date, to: end.date, days: daysBetween(start.date, end.date), milli: end.milli - start.milli, basis: start.read && end.read ? 'interim' : 'days' };
  });
}

/**
 * The last day billed at the earlier price when a version takes effect on `effectiveFrom`:
 * with `earlier`, the shared boundary day itself stays in the earlier slice (the new price starts
 * the day after); with `later`, the new price covers its effective day.
 */
export function cutBefore(effectiveFrom: string, boundaryDay: 'earlier' | 'later'): string {
  return boundaryDay === 'earlier' ? effectiveFrom : addDays(effectiveFrom, -1);
}

/** The first day a version's price covers, by the same rule. */
export function firstDayOf(effectiveFrom: string, boundaryDay: 'earlier' | 'later'): string {
  return boundaryDay === 'earlier' ? addDays(effectiveFrom, 1) : effectiveFrom;
}
