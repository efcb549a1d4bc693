import { Decimal } from 'decimal.js';
import { addDays } from '@gasdesk/schema';
import { fromMilli, toMilli } from '../../readings/core/milli.ts';
import type { Pricing } from '@gasdesk/schema';
import type { PricingModel, PricingModels } from './pricing-model.ts';
import { volumeFen } from './rounding.ts';
import { cycleAnchor, cycleOf, partialShare } from './tier-cycle.ts';
import { climb, ladderFor } from './tier-ladder.ts';

const flat: PricingModels['flat'] = {
  name: 'flat',
  cuts: () => [],
  rate(pricing, slice, _ctx, steps) {
    const unroundedFen = volumeFen(slice.milli, pricing.unitPrice);
    steps.push({ code: 'flat', params: { volume: fromMilli(slice.milli), unitPrice: pricing.unitPrice, amountFen: unroundedFen.toFixed(2) } });
    return [{ tier: null, milli: slice.milli, unitPrice: pricing.unitPrice, unroundedFen }];
  },
};

/**
 * 阶梯: the slice climbs the ladder of its tier cycle from what the cycle has used so far. A period
 * that spans two cycles is cut on the last day of the first, so no slice crosses a cycle.
 */
const tiered: PricingModels['tiered'] = {
  name: 'tiered',
  cuts(pricing, from, to, ctx) {
    const anchor = cycleAnchor(pricing.cycle, ctx.readingSchedule);
    const cuts: string[] = [];
    for (let cycle = cycleOf(addDays(from, 1), anchor); cycle.next <= to; cycle = cycleOf(cycle.next, anchor)) cuts.push(addDays(cycle.next, -1));
    return cuts;
  },
  rate(pricing, slice, ctx, steps) {
    const cycle = cycleOf(addDays(slice.from, 1), cycleAnchor(pricing.cycle, ctx.readingSchedule));
    const extraPersons = pricing.householdIncrement ? Math.max(0, ctx.householdSize - pricing.householdIncrement.baseSize) : 0;
    const extraPerBound = pricing.householdIncrement ? extraPersons * toMilli(pricing.householdIncrement.perPerson) : 0;
    const partial = partialShare(ctx.openedOn, cycle, pricing.partialCycle);
    const perSlice = ctx.tierBlocks === 'per_slice';
    const cycleDays = Math.round((Date.parse(cycle.next) - Date.parse(cycle.start)) / 86_400_000);
    const share = perSlice ? { numerator: slice.days * partial.numerator, denominator: cycleDays * partial.denominator } : partial;
    const ladder = ladderFor(pricing.tiers, extraPerBound, share);
    const before = perSlice ? 0 : (ctx.cycleUse.get(cycle.start) ?? 0);
    steps.push({ code: 'cycle', params: { start: cycle.start, prior: fromMilli(before), bounds: ladder.steps.filter((s) => s.upTo !== null).map((s) => fromMilli(s.upTo!)).join(' / ') } });
    if (extraPersons > 0) steps.push({ code: 'household', params: { size: ctx.householdSize, extra: fromMilli(extraPerBound) } });
    if (partial.numerator !== partial.denominator) steps.push({ code: 'partial_cycle', params: { openedOn: ctx.openedOn, share: `${partial.numerator}/${partial.denominator}` } });
    ctx.cycleUse.set(cycle.start, (ctx.cycleUse.get(cycle.start) ?? 0) + slice.milli);
    const parts = climb(ladder, before, slice.milli);
    // No use still shows the step the cycle stands on, at 0.
    if (parts.length === 0) parts.push({ ...climb(ladder, before, 1)[0]!, milli: 0 });
    return parts.map((p) => {
      const unroundedFen = volumeFen(p.milli, p.unitPrice);
      steps.push({ code: 'tier', params: { tier: p.tier, volume: fromMilli(p.milli), unitPrice: p.unitPrice, amountFen: unroundedFen.toFixed(2) } });
      return { tier: p.tier, milli: p.milli, unitPrice: p.unitPrice, unroundedFen };
    });
  },
};

/** A fee per bill, or per whole month of the period; not sliced by days (the version of the period's end applies). */
const fixed: PricingModels['fixed'] = {
  name: 'fixed',
  cuts: () => [],
  rate(pricing, _slice, ctx, steps) {
    const months = pricing.per === 'month' ? ctx.periodMonths : 1;
    const unroundedFen = new Decimal(pricing.amountFen).times(months);
    steps.push({ code: 'fixed', params: { months, amountFen: unroundedFen.toFixed(2) } });
    return [{ tier: null, milli: null, unitPrice: null, unroundedFen }];
  },
};

/** 计价模型注册表: every pricing model by name. */
export const PRICING_MODELS: PricingModels = { flat, tiered, fixed };

/** The model a version's pricing names; the registry pairs each name with its own model, so the pricing fits it. */
export function pricingModel(pricing: Pricing): PricingModel {
  return PRICING_MODELS[pricing.model] as unknown as PricingModel;
}
