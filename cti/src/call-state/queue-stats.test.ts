import { expect } from 'chai';
import { countAbandoned, countAnswered, NO_COUNTS, percentile, queueFigures } from './queue-stats.ts';

describe('queue statistics', () => {
  it('should give every figure by its definition when calls were answered and abandoned', () => {
    // Waits 5…50 s answered (service level 20 s: four within), one abandon after 30 s, one after 3 s (short).
    let counts = [5, 10, 15, 20, 25, 30, 35, 40, 45, 50].reduce((c, wait) => countAnswered(c, wait, 20), NO_COUNTS);
    counts = countAbandoned(countAbandoned(counts, 30, 5), 3, 5);
    expect(counts).to.deep.equal({ answered: 10, answeredWithinServiceLevel: 4, abandoned: 2, shortAbandoned: 1, waits: [5, 10, 15, 20, 25, 30, 35, 40, 45, 50] });
    expect(queueFigures(counts)).to.deep.equal({
      serviceLevelPercent: 40,
      serviceLevelOfferedPercent: 36.4,
      abandonRatePercent: 9.1,
      asaSeconds: 27.5,
      asaP90Seconds: 45,
    });
  });

  it('should leave every figure empty when no call was answered or abandoned', () => {
    expect(queueFigures(NO_COUNTS)).to.deep.equal({ serviceLevelPercent: null, serviceLevelOfferedPercent: null, abandonRatePercent: null, asaSeconds: null, asaP90Seconds: null });
  });

  it('should take the nearest rank for the 90th percentile when the values are few', () => {
    expect([percentile([7], 0.9), percentile([1, 2], 0.9), percentile([3, 1, 2], 0.9), percentile([], 0.9)]).to.deep.equal([7, 2, 3, null]);
  });

  it('should count every abandon as a full one when short abandons are not ignored', () => {
    expect(queueFigures(countAbandoned(countAnswered(NO_COUNTS, 10, 20), 2, 0))).to.deep.include({ abandonRatePercent: 50, serviceLevelOfferedPercent: 50 });
  });
});
