import { Decimal } from 'decimal.js';
import type { TierStep } from '@gasdesk/schema';
import { toMilli } from '../../readings/core/milli.ts';

/** A ladder in litres: step `i` covers the cycle's cumulative use in `[from, upTo)`; the last has no bound. */
export interface Ladder {
  steps: { upTo: number | null; unitPrice: string }[];
}

/**
 * The ladder an account's cycle is rated on: each bound moved up by the household increment,
 * then scaled by the share of the cycle the ladder covers (a partial first cycle, or a slice's
 * days when blocks are prorated per slice), to the litre.
 */
export function ladderFor(tiers: readonly TierStep[], extraPerBoundMilli: number, share: { numerator: number; denominator: number }): Ladder {
  return {
    steps: tiers.map((t) => ({
      unitPrice: t.unitPrice,
      upTo: t.upTo === null ? null : new Decimal(toMilli(t.upTo) + extraPerBoundMilli).times(share.numerator).div(share.denominator).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
    })),
  };
}

/**
 * How `milli` litres used after `cumulative` litres of the cycle fall on the ladder: the
 * volume is split at every bound it crosses (cumulative, not all at the step reached).
 */
export function climb(ladder: Ladder, cumulative: number, milli: number): { tier: number; milli: number; unitPrice: string }[] {
  const parts: { tier: number; milli: number; unitPrice: string }[] = [];
  let at = cumulative;
  const end = cumulative + milli;
  let lower = 0;
  ladder.steps.forEach((step, i) => {
    const upper = step.upTo ?? Number.POSITIVE_INFINITY;
    const inStep = Math.min(end, upper) - Math.max(at, lower);
    if (inStep > 0) {
      parts.push({ tier: i + 1, milli: inStep, unitPrice: step.unitPrice });
      at += inStep;
    }
    lower = Math.max(lower, upper);
  });
  return parts;
}
