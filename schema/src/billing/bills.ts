import { z } from 'zod';
import { ChargeKind, PriceVersionInput } from './pricing.ts';

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

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
/** A billing month. */
export const BillingPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');

/** Why an account got no bill. */
export const SkipReason = z.enum(['already_billed', 'closed', 'prepaid', 'no_reading', 'exception_open', 'no_price']);
export type SkipReason = z.infer<typeof SkipReason>;

export const BillStatus = z.enum(['issued', 'reversed']);

/** A bill in a list. */
export const BillSummary = z.object({
  id: z.number().int(),
  billNo: z.string(),
  accountId: z.number().int(),
  accountNo: z.string(),
  period: BillingPeriod,
  revision: z.number().int(),
  status: BillStatus,
  /** Reading dates: the bill covers the days after `periodFrom` up to `periodTo`. */
  periodFrom: z.string(),
  periodTo: z.string(),
  volume: z.string(),
  totalFen: z.number().int(),
  issuedOn: z.string(),
  dueOn: z.string(),
  estimated: z.boolean(),
  delivery: z.string(),
  deliveryStatus: z.string(),
});
export type BillSummary = z.infer<typeof BillSummary>;

/** A bill with its breakdown and its explanation. */
export const BillView = BillSummary.extend({
  lines: z.array(BillLine),
  explanation: z.array(ExplanationStep),
  /** The tier cycle the bill ends in, and the m³ billed in it so far including this bill. */
  cycleStart: z.string().nullable(),
  cycleVolume: z.string().nullable(),
  /** The reversed bill this one corrects. */
  replacesId: z.number().int().nullable(),
  /** The bill that corrected this one, once reversed. */
  replacedById: z.number().int().nullable(),
  reversedAt: z.string().nullable(),
  reversalReason: z.string().nullable(),
  runId: z.number().int().nullable(),
});
export type BillView = z.infer<typeof BillView>;

export const BillList = z.object({ items: z.array(BillSummary) });
export type BillList = z.infer<typeof BillList>;

/** Bill one account now (a clerk at the desk). */
export const BillAccountBody = z.object({ period: BillingPeriod, billDate: isoDate.optional() });
export type BillAccountBody = z.infer<typeof BillAccountBody>;

/** `billed`: a new bill; `existing`: the period was billed before, here is that bill; `skipped`: no bill, and why. */
export const BillAccountResult = z.object({ outcome: z.enum(['billed', 'existing', 'skipped']), reason: SkipReason.nullable(), bill: BillView.nullable() });
export type BillAccountResult = z.infer<typeof BillAccountResult>;

/** 重开: reverse a bill (its charge leaves the ledger; payments stay) and bill the period again from the readings as they are now. */
export const RebillBody = z.object({ reason: z.string().trim().min(2).max(200) });
export type RebillBody = z.infer<typeof RebillBody>;

export const RebillResult = z.object({ reversed: BillView, bill: BillView });
export type RebillResult = z.infer<typeof RebillResult>;

/** 新价格预览: an account's last bill rated again with a draft version added to a tariff. */
export const TariffPreviewBody = z.object({ accountId: z.number().int().positive(), version: z.lazy(() => PriceVersionInput) });
export type TariffPreviewBody = z.infer<typeof TariffPreviewBody>;

export const TariffPreview = z.object({
  bill: BillView,
  preview: z.object({ lines: z.array(BillLine), totalFen: z.number().int(), explanation: z.array(ExplanationStep) }),
  differenceFen: z.number().int(),
});
export type TariffPreview = z.infer<typeof TariffPreview>;
