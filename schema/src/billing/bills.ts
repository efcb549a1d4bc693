import { z } from 'zod';
import { ChargeKind } from './pricing.ts';

/**
 * How a bill came about, step by step, in codes the desk words in the reader's language (the
 * `billing.explain.*` messages): an agent reads them to a caller asking why a bill is high.
 */
export const ExplanationCode = z.enum([
  /** The period's use: `volume` m³ from `from` to `to` over `days` days. */
  'consumption',
  /** The use rests on an estimated reading; the next actual reading settles it. */
  'estimated',
  /** A meter was changed in the period; both meters' use is rated as one volume. */
  'meter_change',
  /** A price change cut the period: this slice (`from`–`to`, `volume` m³) at the version of `effectiveFrom`; `basis` interim reading or days. */
  'slice',
  /** The tier cycle from `start`: `prior` m³ billed before this bill; bounds `bounds` m³. */
  'cycle',
  /** `size` persons: every bound `extra` m³ higher. */
  'household',
  /** The account opened on `openedOn`, part-way through the cycle: bounds × `share`. */
  'partial_cycle',
  /** `volume` m³ in tier `tier` at `unitPrice` 元 = `amountFen`. */
  'tier',
  /** `volume` m³ at `unitPrice` 元 = `amountFen`. */
  'flat',
  /** A fee of kind `kind`: `months` month(s) = `amountFen`. */
  'fixed',
  /** The contract's minimum: `minimum` m³ for the period, `shortfall` m³ charged on top. */
  'minimum',
  /** Discount `name` on `kind`: −`amountFen`. */
  'discount',
  /** The bill's total, `amountFen`. */
  'total',
  /** Against the previous bill (`previousFen`, `previousVolume` m³ over `previousDays` days): `reasons`. */
  'compared',
]);
export type ExplanationCode = z.infer<typeof ExplanationCode>;

export const ExplanationStep = z.object({ code: ExplanationCode, params: z.record(z.string(), z.union([z.string(), z.number()])) });
export type ExplanationStep = z.infer<typeof ExplanationStep>;

/** Why a bill line exists: a priced charge, a discount taken off, or a contract's minimum volume. */
export const BillLineRole = z.enum(['charge', 'discount', 'minimum']);
export type BillLineRole = z.infer<typeof BillLineRole>;

/** One bill line: one slice of the period at one tier (or one fee, or one discount), rounded once. */
export const BillLine = z.object({
  chargeKind: ChargeKind,
  role: BillLineRole,
  /** The slice of the period the line prices, `(from, to]`. */
  sliceFrom: z.string(),
  sliceTo: z.string(),
  tier: z.number().int().nullable(),
  /** m³, three decimals; null for a fee or a money discount. */
  volume: z.string().nullable(),
  /** 元/m³, four decimals. */
  unitPrice: z.string().nullable(),
  /** The exact amount in fen before the line's one rounding, e.g. `"1534.50000"`. */
  unroundedFen: z.string(),
  amountFen: z.number().int(),
  accountingCode: z.string(),
  priceVersionId: z.number().int().nullable(),
  discountRuleId: z.number().int().nullable(),
});
export type BillLine = z.infer<typeof BillLine>;
