import { expect } from 'chai';
import type { Pricing } from '@gasdesk/schema';
import type { VersionValue } from '../billing/engine/rate-bill.ts';
import { mergeContractVersions } from './contract-versions.ts';

const flat = (unitPrice: string): Pricing => ({ model: 'flat', unitPrice });
const version = (id: number, effectiveFrom: string, unitPrice: string): VersionValue => ({ id, effectiveFrom, pricing: flat(unitPrice) });

/** The commercial price list: 3.85 from 2025, 4.05 from 1 July 2026. */
const TARIFF = [version(2, '2026-07-01', '4.05'), version(1, '2025-01-01', '3.85')];

/** The merged list as `[id, effectiveFrom, unit price]`. */
const timeline = (versions: VersionValue[]) => versions.map((v) => [v.id, v.effectiveFrom, v.pricing.model === 'flat' ? v.pricing.unitPrice : v.pricing.model]);

describe('contract versions merged into the tariff', () => {
  it('should give the tariff’s versions in date order when there is no contract', () => {
    expect(timeline(mergeContractVersions(TARIFF, []))).to.deep.equal([
      [1, '2025-01-01', '3.85'],
      [2, '2026-07-01', '4.05'],
    ]);
  });

  it('should let the contract’s prices win inside its dates and hide a tariff change made meanwhile when the contract runs across it', () => {
    const contract = { startsOn: '2026-03-01', endsOn: null, versions: [version(10, '2026-03-01', '3.60'), version(11, '2027-01-01', '3.70')] };
    expect(timeline(mergeContractVersions(TARIFF, [contract]))).to.deep.equal([
      [1, '2025-01-01', '3.85'],
      [10, '2026-03-01', '3.60'],
      [11, '2027-01-01', '3.70'],
    ]);
  });

  it('should bring back the tariff’s version in force from the day after the contract ends when the contract has ended', () => {
    const contract = { startsOn: '2026-03-01', endsOn: '2026-08-31', versions: [version(10, '2026-03-01', '3.60')] };
    expect(timeline(mergeContractVersions(TARIFF, [contract]))).to.deep.equal([
      [1, '2025-01-01', '3.85'],
      [10, '2026-03-01', '3.60'],
      [2, '2026-09-01', '4.05'],
    ]);
  });

  it('should keep the tariff’s price inside the contract until the contract’s first version takes effect when the contract starts without one', () => {
    const contract = { startsOn: '2026-03-01', endsOn: '2026-12-31', versions: [version(10, '2026-05-01', '3.60')] };
    expect(timeline(mergeContractVersions(TARIFF, [contract]))).to.deep.equal([
      [1, '2025-01-01', '3.85'],
      [10, '2026-05-01', '3.60'],
      [2, '2027-01-01', '4.05'],
    ]);
  });

  it('should follow tariff changes inside a contract with no versions when it only sets a minimum', () => {
    const contract = { startsOn: '2026-03-01', endsOn: '2026-12-31', versions: [] };
    expect(timeline(mergeContractVersions(TARIFF, [contract]))).to.deep.equal([
      [1, '2025-01-01', '3.85'],
      [2, '2026-07-01', '4.05'],
    ]);
  });

  it('should price the gap between two contracts at the tariff when an account renews after a break', () => {
    const first = { startsOn: '2025-06-01', endsOn: '2026-05-31', versions: [version(10, '2025-06-01', '3.50')] };
    const second = { startsOn: '2026-08-01', endsOn: null, versions: [version(20, '2026-08-01', '3.90')] };
    expect(timeline(mergeContractVersions(TARIFF, [second, first]))).to.deep.equal([
      [1, '2025-01-01', '3.85'],
      [10, '2025-06-01', '3.50'],
      [1, '2026-06-01', '3.85'],
      [2, '2026-07-01', '4.05'],
      [20, '2026-08-01', '3.90'],
    ]);
  });

  it('should price from the contract’s start when the tariff has no version that early', () => {
    const contract = { startsOn: '2024-03-01', endsOn: '2024-12-31', versions: [version(10, '2024-03-01', '3.60')] };
    expect(timeline(mergeContractVersions(TARIFF, [contract]))).to.deep.equal([
      [10, '2024-03-01', '3.60'],
      [1, '2025-01-01', '3.85'],
      [2, '2026-07-01', '4.05'],
    ]);
  });
});
