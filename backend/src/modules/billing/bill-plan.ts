import { addDays } from '@gasdesk/schema';
import { periodConsumption, type Provenance, type SeriesReading } from '../readings/core/period-consumption.ts';

/** Why an account gets no bill in a run. */
export type SkipReason = 'already_billed' | 'closed' | 'prepaid' | 'no_reading' | 'exception_open' | 'no_price';

export const SKIP_REASONS: readonly SkipReason[] = ['already_billed', 'closed', 'prepaid', 'no_reading', 'exception_open', 'no_price'];

/** What an account's bill for a period rests on. */
export interface BillBasis {
  from: string;
  to: string;
  /** m³: the corrector's standard volume where every meter has one, else the working volume. */
  volume: string;
  /** m³ from `from` to each reading in between, for cutting at a price change or a cycle's end. */
  interim: { on: string; volume: string }[];
  provenance: Provenance[];
}

export interface PlanInput {
  /** The billing month, `YYYY-MM`. */
  period: string;
  /** A contract's own billing day: the month's bill is cut on that day instead of the month's end. */
  billingDay: number | null;
  account: { status: string; closedOn: string | null };
  /** Every meter of the account now is an IC-card meter: its gas is sold on the card, not billed. */
  prepaidOnly: boolean;
  /** The account's accepted readings in date order (all meters). */
  readings: readonly SeriesReading[];
  /** The end of the account's last bill before this period, if it had one. */
  billedUpTo: string | null;
  /** The company's go-live: use up to it was billed elsewhere (`BillingSettings.cutoverOn`). */
  cutoverOn: string | null;
  /** Dates of the account's readings waiting in the exception queue. */
  exceptionDates: readonly string[];
  alreadyBilled: boolean;
}

/** Where an account's first bill starts: its last reading on or before the go-live, else its first reading. */
function firstStart(readings: readonly SeriesReading[], cutoverOn: string | null): string | null {
  return (cutoverOn === null ? undefined : readings.findLast((r) => r.readOn <= cutoverOn)?.readOn) ?? readings[0]?.readOn ?? null;
}

/** The day a month's bill is cut: the contract's billing day, or the month's last day. */
export function periodEndOf(period: string, billingDay: number | null): string {
  return billingDay === null ? lastDayOf(period) : `${period}-${String(billingDay).padStart(2, '0')}`;
}

/** The last day of a `YYYY-MM` month. */
export function lastDayOf(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return addDays(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`, -1);
}

/**
 * 计费依据: from the end of the last bill (or, for a first bill, the account's last reading on or
 * before the go-live, else its first reading) to its latest accepted
 * reading in the month (up to the contract's billing day, where it has one). No bill when the period is billed already, the account closed before it,
 * its meters are prepaid, nothing new was read, or a reading in between waits in the exception
 * queue (it is never billed silently).
 */
export function planBill(input: PlanInput): { skip: SkipReason } | { basis: BillBasis } {
  if (input.alreadyBilled) return { skip: 'already_billed' };
  const monthEnd = periodEndOf(input.period, input.billingDay);
  const from = input.billedUpTo ?? firstStart(input.readings, input.cutoverOn);
  if (input.account.status === 'closed' && (from === null || (input.account.closedOn !== null && input.account.closedOn <= from))) return { skip: 'closed' };
  if (input.prepaidOnly) return { skip: 'prepaid' };
  if (from === null) return { skip: 'no_reading' };
  // A reading of the month waiting for a person holds the bill, whether or not an accepted one came too.
  if (input.exceptionDates.some((d) => d > from && d <= monthEnd)) return { skip: 'exception_open' };
  const to = input.readings.findLast((r) => r.readOn > from && r.readOn <= monthEnd)?.readOn;
  if (to === undefined) return { skip: 'no_reading' };
  const basis = basisBetween(input.readings, from, to);
  return basis ? { basis } : { skip: 'no_reading' };
}

/** The consumption between two reading dates with the readings in between as interim volumes; null when a reading is missing at either end. */
export function basisBetween(readings: readonly SeriesReading[], from: string, to: string): BillBasis | null {
  const whole = periodConsumption(readings, from, to);
  if (!whole.covered) return null;
  const measure = (c: { volume: string; standardVolume: string | null }) => (whole.standardVolume !== null ? (c.standardVolume ?? c.volume) : c.volume);
  const between = [...new Set(readings.filter((r) => r.readOn > from && r.readOn < to).map((r) => r.readOn))];
  const interim = between.flatMap((on) => {
    const part = periodConsumption(readings, from, on);
    return part.covered ? [{ on, volume: measure(part) }] : [];
  });
  return { from, to, volume: measure(whole), interim, provenance: whole.provenance };
}
