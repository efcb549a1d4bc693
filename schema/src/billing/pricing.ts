import { z } from 'zod';
import { UserCategory } from '../registry/enums.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  // 2026-02-30 has the right shape; the database would refuse it with an error nobody can read.
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'not a real date');
/** A unit price in 元/m³: up to four decimals (`DECIMAL(12,4)`). */
const UnitPrice = z.string().regex(/^\d{1,8}(\.\d{1,4})?$/, 'must be a price in yuan with at most four decimals, e.g. "3.10"');
/** A volume in m³: up to three decimals (`DECIMAL(14,3)`). */
const Volume = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'must be a volume in m³ with at most three decimals, e.g. "276"');

/**
 * 费用类型: what a bill line charges for. Each company keeps a tariff (price list) per charge kind
 * and user category, with its own accounting code.
 */
export const ChargeKind = z.enum([
  'gas',
  'service',
  'maintenance',
  'meter',
  'security_check',
  'printing',
  /** 补气: gas supplied on top of a card or contract. */
  'gas_supplementary',
  'sales_service',
  'late_fee',
]);
export type ChargeKind = z.infer<typeof ChargeKind>;

/** One step of a ladder: volumes of the cycle up to `upTo` m³ (exclusive) at `unitPrice`; the last step has no bound. */
export const TierStep = z.object({ upTo: Volume.nullable(), unitPrice: UnitPrice });
export type TierStep = z.infer<typeof TierStep>;

/**
 * 阶梯周期: when a tier cycle starts. `calendar`: 1 January; `fixed`: a month and day of the
 * company's choosing; `reading_schedule`: from the account's reading schedule (odd-month books
 * start in November, even-month books in December, monthly books in January).
 */
export const TierCycle = z.discriminatedUnion('anchor', [
  z.object({ anchor: z.literal('calendar') }),
  z.object({ anchor: z.literal('fixed'), month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(28) }),
  z.object({ anchor: z.literal('reading_schedule') }),
]);
export type TierCycle = z.infer<typeof TierCycle>;

/**
 * How a price version charges. `flat`: one price per m³. `tiered`: a ladder on the cycle's
 * cumulative volume, with boundaries half-open `[from, upTo)`. `fixed`: a fee per bill or per
 * month of the period, in fen.
 */
export const Pricing = z.discriminatedUnion('model', [
  z.object({ model: z.literal('flat'), unitPrice: UnitPrice }),
  z.object({
    model: z.literal('tiered'),
    tiers: z
      .array(TierStep)
      .min(2)
      .max(6)
      .refine((tiers) => tiers.slice(0, -1).every((t) => t.upTo !== null) && tiers.at(-1)!.upTo === null, 'every step but the last needs an upper bound; the last has none')
      .refine((tiers) => tiers.slice(1, -1).every((t, i) => Number(t.upTo) > Number(tiers[i]!.upTo)), 'upper bounds must rise from step to step'),
    cycle: TierCycle,
    /** Households of more than `baseSize` registered persons get `perPerson` m³ more on every boundary for each extra person. */
    householdIncrement: z.object({ baseSize: z.number().int().min(1).max(20), perPerson: Volume }).nullable(),
    /** A cycle the account joined part-way (opened inside it): boundaries scaled by the months or days left, or kept whole. */
    partialCycle: z.enum(['months', 'days', 'none']),
  }),
  z.object({ model: z.literal('fixed'), amountFen: z.number().int().min(0).max(100_000_000), per: z.enum(['bill', 'month']) }),
]);
export type Pricing = z.infer<typeof Pricing>;
export type PricingModelName = Pricing['model'];

/** 价格版本: prices in force from `effectiveFrom` (a business date) until the next version's. */
export const PriceVersionInput = z.object({
  effectiveFrom: isoDate,
  pricing: Pricing,
  /** Why the price changed: the notice number, e.g. 杭发改价格〔2026〕12号. */
  note: z.string().max(200).default(''),
});
export type PriceVersionInput = z.infer<typeof PriceVersionInput>;

export const PriceVersionView = PriceVersionInput.extend({
  id: z.number().int(),
  createdAt: z.string(),
  /** A bill was priced by it: it is part of that bill's record and can no longer be withdrawn. */
  billed: z.boolean(),
});
export type PriceVersionView = z.infer<typeof PriceVersionView>;

/** 价格表: a company's prices of one charge kind for one user category, over time. */
export const TariffCreate = z.object({
  code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  name: z.string().trim().min(1).max(64),
  category: UserCategory,
  chargeKind: ChargeKind,
  /** The company's chart-of-accounts code for this revenue (科目代码). */
  accountingCode: z.string().trim().min(1).max(32),
  versions: z.array(PriceVersionInput).min(1).max(50),
});
export type TariffCreate = z.infer<typeof TariffCreate>;

export const TariffUpdate = z.object({ name: z.string().trim().min(1).max(64).optional(), accountingCode: z.string().trim().min(1).max(32).optional(), active: z.boolean().optional() });
export type TariffUpdate = z.infer<typeof TariffUpdate>;

export const TariffView = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  category: UserCategory,
  chargeKind: ChargeKind,
  accountingCode: z.string(),
  active: z.boolean(),
  versions: z.array(PriceVersionView),
});
export type TariffView = z.infer<typeof TariffView>;

export const TariffList = z.object({ items: z.array(TariffView) });
export type TariffList = z.infer<typeof TariffList>;

/** Filters of the price-list list; both optional. */
export const TariffListQuery = z.object({ category: UserCategory.optional(), chargeKind: ChargeKind.optional() });
export type TariffListQuery = z.infer<typeof TariffListQuery>;

/** The path of one version of a price list. */
export const TariffVersionParams = z.object({ id: z.coerce.number().int().positive(), versionId: z.coerce.number().int().positive() });
export type TariffVersionParams = z.infer<typeof TariffVersionParams>;

/** Account flags discount rules may ask for (低保户, 孤寡老人…). */
export const AccountFlag = z.enum(['low_income', 'elderly_alone', 'disabled', 'veteran']);
export type AccountFlag = z.infer<typeof AccountFlag>;

/** An account's flags, set as a whole (a flag left out is taken away). */
export const AccountFlags = z.object({ flags: z.array(AccountFlag).max(4) });
export type AccountFlags = z.infer<typeof AccountFlags>;

/** 优惠形式: a percentage off the charge, a fixed amount off (capped at the charge), or free m³ valued at the bill's own prices (lowest tier first). */
export const DiscountForm = z.discriminatedUnion('type', [
  z.object({ type: z.literal('percent'), percent: z.string().regex(/^\d{1,2}(\.\d{1,2})?$|^100$/, 'a percentage from 0 to 100') }),
  z.object({ type: z.literal('fixed'), amountFen: z.number().int().min(1).max(10_000_000) }),
  z.object({ type: z.literal('free_volume'), volume: Volume }),
]);
export type DiscountForm = z.infer<typeof DiscountForm>;

/** 优惠规则: applied after rating, to one charge kind, when every condition holds. */
export const DiscountRuleInput = z.object({
  code: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  name: z.string().trim().min(1).max(64),
  chargeKind: ChargeKind,
  /** The account's category must be one of these; empty: any. */
  categories: z.array(UserCategory).max(6).default([]),
  /** The account must carry every one of these flags. */
  flags: z.array(AccountFlag).max(4).default([]),
  /** The bill period must end within these dates (inclusive); null: open. */
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
  form: DiscountForm,
  accountingCode: z.string().trim().min(1).max(32),
});
export type DiscountRuleInput = z.infer<typeof DiscountRuleInput>;

export const DiscountRuleView = DiscountRuleInput.extend({ id: z.number().int(), active: z.boolean() });
export type DiscountRuleView = z.infer<typeof DiscountRuleView>;

export const DiscountRuleList = z.object({ items: z.array(DiscountRuleView) });
export type DiscountRuleList = z.infer<typeof DiscountRuleList>;

/** What may change on a discount rule; its code, charge kind and conditions on the account stay (make a new rule instead). */
export const DiscountRulePatch = z.object({
  name: z.string().trim().min(1).max(64).optional(),
  /** An inactive rule is no longer applied to new bills. */
  active: z.boolean().optional(),
  validFrom: isoDate.nullable().optional(),
  validTo: isoDate.nullable().optional(),
  form: DiscountForm.optional(),
});
export type DiscountRulePatch = z.infer<typeof DiscountRulePatch>;

/** 合同: a commercial or industrial account's negotiated terms. */
export const ContractInput = z.object({
  contractNo: z.string().trim().min(1).max(32),
  accountId: z.number().int().positive(),
  startsOn: isoDate,
  endsOn: isoDate.nullable(),
  /** Negotiated gas prices; the account's tariff applies where none is in force. */
  versions: z.array(PriceVersionInput).max(20).default([]),
  /** 最低用气量: m³ a month the customer pays for even when using less. */
  minimumMonthlyVolume: Volume.nullable().default(null),
  /** Day of the month the account is billed (1–28); null: its reading book's day. */
  billingDay: z.number().int().min(1).max(28).nullable().default(null),
});
export type ContractInput = z.infer<typeof ContractInput>;

export const ContractView = ContractInput.extend({
  id: z.number().int(),
  /** The negotiated versions, oldest first. */
  versions: z.array(PriceVersionView),
});
export type ContractView = z.infer<typeof ContractView>;

export const ContractList = z.object({ items: z.array(ContractView) });
export type ContractList = z.infer<typeof ContractList>;

/** What may change on a contract: its end, its minimum and its billing day. Prices change by adding a version. */
export const ContractPatch = z.object({
  /** null: open-ended. */
  endsOn: isoDate.nullable().optional(),
  minimumMonthlyVolume: Volume.nullable().optional(),
  billingDay: z.number().int().min(1).max(28).nullable().optional(),
});
export type ContractPatch = z.infer<typeof ContractPatch>;

/** 舍入方式: how a line's exact amount becomes whole fen. */
export const RoundingMode = z.enum(['half_up', 'half_even', 'down', 'up']);
export type RoundingMode = z.infer<typeof RoundingMode>;

/** A company's billing settings. */
export const BillingSettings = z.object({
  rounding: RoundingMode,
  /**
   * The day a new price takes effect, when it falls on a period's dates: `earlier` keeps the
   * shared boundary day in the earlier slice (the old price), `later` gives it to the new one.
   */
  boundaryDay: z.enum(['earlier', 'later']),
  /** `cycle_accumulator`: one running volume per tier cycle across slices; `per_slice`: each slice's tier blocks prorated to its days, starting empty. */
  tierBlocks: z.enum(['cycle_accumulator', 'per_slice']),
  /** Days from the bill date to the due date. */
  dueDays: z.number().int().min(0).max(90),
  /**
   * 上线日: gas used up to this day was billed by the previous system. An account's first bill here
   * starts at its last reading on or before it (its first reading when it has none); null: from
   * the first reading.
   */
  cutoverOn: isoDate.nullable().default(null),
});
export type BillingSettings = z.infer<typeof BillingSettings>;

export const DEFAULT_BILLING_SETTINGS: BillingSettings = { rounding: 'half_up', boundaryDay: 'earlier', tierBlocks: 'cycle_accumulator', dueDays: 15, cutoverOn: null };
