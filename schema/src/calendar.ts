/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone: business dates are local dates. */
export function businessDate(at: Date, timeZone: string): string {
  const parts = formatterOf(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Making a formatter costs far more than using one: a head-end batch dates thousands of readings. */
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) formatters.set(timeZone, (formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return formatter;
}

const shifted = new Map<string, string>();

/** The calendar date `days` later (earlier when negative): `addDays('2026-02-27', 2)` → `2026-03-01`. */
export function addDays(date: string, days: number): string {
  // Remembered: rating a million bills asks for the same few hundred dates over and over.
  const key = `${date}|${days}`;
  let shiftedDate = shifted.get(key);
  if (shiftedDate === undefined) {
    if (shifted.size >= 100_000) shifted.clear();
    shiftedDate = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    shifted.set(key, shiftedDate);
  }
  return shiftedDate;
}

/**
 * The instant a wall-clock time (`YYYY-MM-DD HH:mm[:ss]`) names in a time zone, as handhelds and
 * people write times. The zone's offset is read at the first guess and checked once more, which
 * settles it everywhere but inside a daylight-saving jump.
 */
export function instantOf(localDateTime: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(localDateTime.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return null;
  let instant = wall - offsetMs(new Date(wall), timeZone);
  instant = wall - offsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** How far the zone's wall clock runs ahead of UTC at an instant. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at.getTime() / 1000) * 1000;
}
