import { z } from 'zod';

/** A calendar date (business date in the company's time zone): `2026-11-28`. */
export const BusinessDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');
export type BusinessDate = z.infer<typeof BusinessDate>;

/** A meter register value in m³, up to 3 decimals, as a string: `"1234.567"`. */
export const RegisterValue = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'a register value in m³ such as "1234.5" (at most 3 decimals)');
export type RegisterValue = z.infer<typeof RegisterValue>;

/** A positive decimal written as a string (flows, volumes). */
export const PositiveDecimal = z.string().regex(/^\d{1,10}(\.\d{1,4})?$/, 'a decimal number such as "2.5"');

/** ISO 7064 MOD 11-2 check of an 18-character Chinese resident ID. */
export function residentIdValid(id: string): boolean {
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(id[i]), 0);
  return '10X98765432'[sum % 11] === id[17];
}
