import { expect } from 'chai';
import { DEFAULT_BILLING_SETTINGS, type PriceVersionInput } from '@gasdesk/schema';
import { billingSettingsOf, outsideContract, overlaps, pricingIssue, repeatedDate } from './price-rules.ts';

const flat = (effectiveFrom: string): PriceVersionInput => ({ effectiveFrom, pricing: { model: 'flat', unitPrice: '3.10' }, note: '' });
const ladder = (effectiveFrom: string): PriceVersionInput => ({
  effectiveFrom,
  pricing: { model: 'tiered', tiers: [{ upTo: '276', unitPrice: '3.10' }, { upTo: null, unitPrice: '3.72' }], cycle: { anchor: 'calendar' }, householdIncrement: null, partialCycle: 'none' },
  note: '',
});

describe('price rules', () => {
  it('should accept a ladder for gas and any other model for any charge when they fit', () => {
    expect([pricingIssue('gas', ladder('2026-01-01').pricing), pricingIssue('service', flat('2026-01-01').pricing)]).to.deep.equal([null, null]);
  });

  it('should refuse a ladder when the charge is not gas', () => {
    expect(pricingIssue('service', ladder('2026-01-01').pricing)).to.equal('a tier ladder prices gas only');
  });

  it('should point at the second version when two versions take effect on the same day', () => {
    expect(repeatedDate([flat('2026-01-01'), flat('2026-07-01'), flat('2026-01-01')])).to.equal(2);
    expect(repeatedDate([flat('2026-01-01'), flat('2026-07-01')])).to.equal(-1);
  });

  it('should tell a version outside the contract’s dates when it starts before or after them', () => {
    const contract = { startsOn: '2026-03-01', endsOn: '2026-12-31' };
    expect(['2026-02-28', '2026-03-01', '2026-12-31', '2027-01-01'].map((d) => outsideContract(contract, d))).to.deep.equal([true, false, false, true]);
    expect(outsideContract({ startsOn: '2026-03-01', endsOn: null }, '2099-01-01')).to.equal(false);
  });

  it('should see an overlap when two ranges share a day, open ends included', () => {
    const a = { startsOn: '2026-01-01', endsOn: '2026-06-30' };
    expect(overlaps(a, { startsOn: '2026-06-30', endsOn: null })).to.equal(true);
    expect(overlaps(a, { startsOn: '2026-07-01', endsOn: null })).to.equal(false);
    expect(overlaps({ startsOn: '2026-01-01', endsOn: null }, { startsOn: '2025-01-01', endsOn: '2025-12-31' })).to.equal(false);
    expect(overlaps({ startsOn: '2026-01-01', endsOn: null }, { startsOn: '2025-01-01', endsOn: null })).to.equal(true);
  });

  it('should fill settings the company never stored with the defaults when reading them', () => {
    expect(billingSettingsOf(null)).to.deep.equal(DEFAULT_BILLING_SETTINGS);
    expect(billingSettingsOf('{"rounding":"half_even","dueDays":20}')).to.deep.equal({ ...DEFAULT_BILLING_SETTINGS, rounding: 'half_even', dueDays: 20 });
  });
});
