import type { Decimal } from 'decimal.js';
import type { ExplanationStep, Pricing, PricingModelName } from '@gasdesk/schema';
import type { Slice } from './slices.ts';

/** One priced piece of a slice, before rounding: becomes one bill line. */
export interface RatedPart {
  /** The ladder step (1-based) for tiered prices; null otherwise. */
  tier: number | null;
  /** Litres priced, or null for a fee that is not per volume. */
  milli: number | null;
  unitPrice: string | null;
  unroundedFen: Decimal;
}

/** What a pricing model may know about the account and the bill besides the slice. */
export interface RateContext {
  householdSize: number;
  /** The day the account opened: a cycle it joined part-way may get a shorter ladder. */
  openedOn: string;
  /** The account's reading schedule (`monthly`, `odd_months`, `even_months`): a tier cycle may follow it. */
  readingSchedule: string;
  tierBlocks: 'cycle_accumulator' | 'per_slice';
  /** Whole months the bill period counts for fees charged per month. */
  periodMonths: number;
  /**
   * Litres of each tier cycle (by its first day) billed before this slice: seeded with the
   * account's prior use in the cycle the period starts in, advanced by the model as it rates.
   */
  cycleUse: Map<string, number>;
}

/**
 * 计价模型: how one kind of price version turns a slice of a bill period into priced parts.
 * Models are pure; the engine calls them slice by slice, in date order, so a model that
 * accumulates (tiers over a cycle) sees its own earlier slices in `ctx.cycleUse`. Every model is
 * registered in `PRICING_MODELS` and passes the shared contract test
 * (`pricing-model.contract.ts`).
 */
export interface PricingModel<P extends Pricing = Pricing> {
  readonly name: P['model'];
  /**
   * Dates after which the period must be cut besides price changes, because the model's
   * rating changes there (a tier cycle's last day). Only dates strictly inside `(from, to)` matter.
   */
  cuts(pricing: P, from: string, to: string, ctx: RateContext): string[];
  /** Prices one slice at this version; appends how it did so to `steps`. Zero use still yields one part (of 0). */
  rate(pricing: P, slice: Slice, ctx: RateContext, steps: ExplanationStep[]): RatedPart[];
}

export type PricingModels = { readonly [K in PricingModelName]: PricingModel<Extract<Pricing, { model: K }>> };
