import { Decimal } from 'decimal.js';
import type { ReadingSchedule, UserCategory } from '@gasdesk/schema';
import { readInPeriod } from '../../modules/readings/reading-cycle.service.ts';
import { keyOf, Rng } from './demo-people.ts';

/** A meter the demo reads: installed at an account on a route, with its install reading. */
export interface DemoReadMeter {
  meterId: number;
  accountId: number;
  bookCode: string;
  category: UserCategory;
  householdSize: number;
  registerDigits: number;
  installedOn: string;
  installValue: string;
}

export interface DemoBook {
  code: string;
  schedule: ReadingSchedule;
  readDay: number;
}

/** One past reading of the demo history: actual, or now and then estimated (nobody home). */
export interface DemoPastReading {
  meterId: number;
  accountId: number;
  period: string;
  value: string;
  readOn: string;
  kind: 'actual' | 'estimated';
  consumption: string;
  rollover: boolean;
}

/** m³ a day by category, before household size and season. */
const DAILY_M3: Record<UserCategory, number> = {
  residential_general: 0.7,
  wall_boiler_heating: 2.2,
  rural_heating: 3,
  commercial: 9,
  industrial: 40,
  public_welfare: 5,
};

/** Hangzhou's year: more gas in the cold months (heating, hot water), less in summer. */
const SEASON = [1.5, 1.45, 1.2, 1, 0.85, 0.75, 0.7, 0.7, 0.8, 0.95, 1.15, 1.4];

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** The month before `period` (`YYYY-MM`). */
export function previousPeriod(period: string): string {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The `count` months up to and including `last`, oldest first. */
export function periodsUpTo(last: string, count: number): string[] {
  const out = [last];
  while (out.length < count) out.unshift(previousPeriod(out[0]!));
  return out;
}

/**
 * A year of readings for each demo meter, on its book's read day of every month the book is read,
 * from after its install. Use follows the category, the household and the season, with some
 * noise; about one reading in fifty is an estimate. Deterministic for a given seed.
 */
export function demoPastReadings(meters: readonly DemoReadMeter[], books: ReadonlyMap<string, DemoBook>, periods: readonly string[], seed: number): DemoPastReading[] {
  const out: DemoPastReading[] = [];
  for (const meter of meters) {
    const book = books.get(meter.bookCode);
    if (!book) continue;
    const rng = new Rng(keyOf(seed, 7, meter.meterId));
    const wrap = new Decimal(10).pow(meter.registerDigits);
    const people = meter.category.startsWith('residential') || meter.category.endsWith('heating') ? Math.max(1, meter.householdSize) / 3 : 1;
    const appetite = 0.6 + rng.next() * 0.8;
    let value = new Decimal(meter.installValue);
    let lastOn = meter.installedOn;
    for (const period of periods) {
      if (!readInPeriod(book.schedule, period)) continue;
      const readOn = `${period}-${String(book.readDay).padStart(2, '0')}`;
      const days = dayNumber(readOn) - dayNumber(lastOn);
      if (days <= 0) continue;
      const month = Number(period.slice(5, 7));
      const daily = DAILY_M3[meter.category] * people * appetite * SEASON[month - 1]! * (0.85 + rng.next() * 0.3);
      const used = new Decimal(daily * days).toDecimalPlaces(3);
      const kind = rng.chance(0.02) ? 'estimated' : 'actual';
      let next = value.plus(used);
      const rollover = next.gte(wrap);
      if (rollover) next = next.minus(wrap);
      out.push({ meterId: meter.meterId, accountId: meter.accountId, period, value: next.toFixed(3), readOn, kind, consumption: used.toFixed(3), rollover });
      value = next;
      lastOn = readOn;
    }
  }
  return out;
}
