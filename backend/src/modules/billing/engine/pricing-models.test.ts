import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import type { Pricing } from '@gasdesk/schema';
import type { RateContext } from './pricing-model.ts';
import { PRICING_MODELS, pricingModel } from './pricing-models.ts';
import type { Slice } from './slices.ts';

/** One pricing of every registered model: the shared contract runs on each. */
const SAMPLES: Record<keyof typeof PRICING_MODELS, Pricing> = {
  flat: { model: 'flat', unitPrice: '3.85' },
  tiered: { model: 'tiered', tiers: [{ upTo: '100', unitPrice: '2.61' }, { upTo: null, unitPrice: '4.23' }], cycle: { anchor: 'calendar' }, householdIncrement: null, partialCycle: 'none' },
  fixed: { model: 'fixed', amountFen: 500, per: 'month' },
};

const context = (): RateContext => ({ householdSize: 3, openedOn: '2020-01-01', readingSchedule: 'monthly', tierBlocks: 'cycle_accumulator', periodMonths: 1, cycleUse: new Map() });
const slice = (milli: number): Slice => ({ from: '2026-03-01', to: '2026-04-01', days: 31, milli, basis: 'interim' });

describe('every pricing model (shared contract)', () => {
  it('should register every model named by the Pricing contract under its own name', () => {
    expect(Object.keys(PRICING_MODELS).sort()).to.deep.equal(['fixed', 'flat', 'tiered']);
    for (const [name, model] of Object.entries(PRICING_MODELS)) expect(model.name).to.equal(name);
  });

  for (const [name, pricing] of Object.entries(SAMPLES)) {
    describe(name, () => {
      const model = pricingModel(pricing);

      it('should give at least one part, and none negative, when no gas was used', () => {
        const parts = model.rate(pricing, slice(0), context(), []);
        expect(parts.length).to.be.greaterThan(0);
        for (const p of parts) expect(p.unroundedFen.isNegative()).to.equal(false);
      });

      it('should price every litre of the slice exactly once when it prices by volume', () => {
        const parts = model.rate(pricing, slice(150_000), context(), []);
        const priced = parts.filter((p) => p.milli !== null);
        if (priced.length > 0) expect(priced.reduce((sum, p) => sum + p.milli!, 0)).to.equal(150_000);
      });

      it('should never charge less for more gas', () => {
        const total = (milli: number) => model.rate(pricing, slice(milli), context(), []).reduce((sum, p) => sum.plus(p.unroundedFen), new Decimal(0));
        let previous = total(0);
        for (const milli of [1, 999, 50_000, 100_000, 100_001, 400_000]) {
          const now = total(milli);
          expect(now.gte(previous), `${name} at ${milli} litres`).to.equal(true);
          previous = now;
        }
      });

      it('should explain what it priced and rate the same slice the same way twice', () => {
        const steps: unknown[] = [];
        const once = model.rate(pricing, slice(120_000), context(), steps as never[]);
        expect(steps.length).to.be.greaterThan(0);
        expect(model.rate(pricing, slice(120_000), context(), []).map((p) => p.unroundedFen.toString())).to.deep.equal(once.map((p) => p.unroundedFen.toString()));
      });

      it('should only ask for cuts inside the period', () => {
        for (const cut of model.cuts(pricing, '2026-11-15', '2027-02-15', context())) expect(cut > '2026-11-15' && cut < '2027-02-15', cut).to.equal(true);
      });
    });
  }
});
