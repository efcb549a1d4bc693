import { z } from 'zod';

/** Money in integer fen (1 元 = 100 fen). Never a float of yuan. */
export const Fen = z.number().int().brand<'Fen'>();
export type Fen = z.infer<typeof Fen>;

/** A decimal number as a string (unit prices, volumes): `"3.1000"`, `"276.000"`. */
export const DecimalString = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal number written as a string, e.g. "3.10"')
  .brand<'DecimalString'>();
export type DecimalString = z.infer<typeof DecimalString>;
