import { company } from './company.svelte.ts';

// Business time is the company's zone, not the PC's: a hall clerk's laptop may be set to anything.
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    };
    try {
      f = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
    } catch {
      // A zone name this browser does not know must not blank every date on the page.
      f = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: DEFAULT_TIME_ZONE });
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The hour (0–23) now in the company's zone, for the greeting; the PC's clock zone may differ. */
export function companyHour(now = new Date()): number {
  const hour = formatter(company.current?.timeZone ?? DEFAULT_TIME_ZONE)
    .formatToParts(now)
    .find((part) => part.type === 'hour');
  return Number(hour?.value ?? now.getHours());
}

/**
 * `2026-11-28 22:37:28` in either language: unambiguous, sortable by eye and the same width in
 * every row, which a dense table needs more than a localised month name.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const part of formatter(company.current?.timeZone ?? DEFAULT_TIME_ZONE).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Today's business date (`2026-11-28`) in the company's zone: the default of date fields. */
export function companyToday(now = new Date()): string {
  const parts: Record<string, string> = {};
  for (const part of formatter(company.current?.timeZone ?? DEFAULT_TIME_ZONE).formatToParts(now)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** A register value in m³ as the meter shows it: `1234.5 m³`; no rounding, the string is exact. */
export function formatReading(value: string | null | undefined): string {
  return value ? `${value} m³` : '';
}

/** `4.0000` → `4`, `2.5000` → `2.5`: a flow or volume from the database without its padding zeros. */
export function trimDecimal(value: string): string {
  return value.includes('.') ? value.replace(/\.?0+$/, '') : value;
}

/**
 * Integer fen as yuan with two decimals and thousands grouped: `520800` → `5,208.00`, `-1250` →
 * `-12.50`. Integer arithmetic, so no float ever rounds a bill; the unit (元) is the caller's word.
 */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}`;
}
