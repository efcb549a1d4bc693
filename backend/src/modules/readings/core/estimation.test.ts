import { expect } from 'chai';
import fc from 'fast-check';
import { DEFAULT_ESTIMATION, estimateUse, trueUp, type EstimateInput } from './estimation.ts';

const base: EstimateInput = {
  from: '2026-02-01',
  to: '2026-03-01',
  lastYear: { from: '2025-02-03', to: '2025-03-03', volume: '56.000', bothActual: true },
  recent: { dailyUse: '1.500', periods: 4 },
  categoryDailyUse: '0.900',
  consecutiveEstimates: 0,
  settings: DEFAULT_ESTIMATION,
};

describe('estimation', () => {
  it('should use the same period last year when both its ends were read and it is about as long', () => {
    expect(estimateUse(base)).to.deep.equal({
      kind: 'estimate',
      method: 'same_period_last_year',
      volume: '56.000',
      dailyUse: '2.000',
      days: 28,
      basis: '56.000 m³ for 28 days, from the same period last year: 56.000 m³ from 2025-02-03 to 2025-03-03',
      params: { lastYearVolume: '56.000', lastYearFrom: '2025-02-03', lastYearTo: '2025-03-03', days: 28 },
    });
  });

  it('should fall back to the recent average when last year was estimated or much longer, then to the category', () => {
    const estimated = estimateUse({ ...base, lastYear: { ...base.lastYear!, bothActual: false } });
    expect(estimated).to.deep.include({ method: 'recent_average', volume: '42.000', dailyUse: '1.500' });
    const longer = estimateUse({ ...base, lastYear: { ...base.lastYear!, to: '2025-04-03' } });
    expect(longer).to.deep.include({ method: 'recent_average' });
    const thin = estimateUse({ ...base, lastYear: null, recent: { dailyUse: '1.5', periods: 2 } });
    expect(thin).to.deep.include({ method: 'category_average', volume: '25.200' });
  });

  it('should require a visit when the estimates in a row reach the cap or nothing can be estimated from', () => {
    expect(estimateUse({ ...base, consecutiveEstimates: 2 })).to.deep.equal({
      kind: 'visit_required',
      reason: 'estimates_capped',
      basis: '2 estimates in a row already: someone must read the meter',
      params: { estimates: 2 },
    });
    expect(estimateUse({ ...base, lastYear: null, recent: { dailyUse: null, periods: 0 }, categoryDailyUse: null })).to.deep.include({ kind: 'visit_required', reason: 'no_basis' });
  });

  it('should true an estimated period up with a charge or a credit when the actual reading comes', () => {
    expect(trueUp('1000', '1090', ['30.000', '30.000'], 5)).to.deep.equal({ actual: '90.000', estimated: '60.000', adjustment: '30.000' });
    expect(trueUp('1000', '1040', ['30.000', '30.000'], 5)).to.deep.equal({ actual: '40.000', estimated: '60.000', adjustment: '-20.000' });
    expect(trueUp('99990', '30', ['25.000'], 5)).to.deep.equal({ actual: '40.000', estimated: '25.000', adjustment: '15.000' });
  });

  it('should never estimate a negative volume, whatever the history', () => {
    const money = fc.integer({ min: 0, max: 50_000 }).map((n) => (n / 1000).toFixed(3));
    fc.assert(
      fc.property(money, money, fc.integer({ min: 0, max: 400 }), (daily, category, days) => {
        const to = new Date(Date.parse('2026-01-01T00:00:00Z') + days * 86_400_000).toISOString().slice(0, 10);
        const result = estimateUse({ ...base, from: '2026-01-01', to, lastYear: null, recent: { dailyUse: daily, periods: 5 }, categoryDailyUse: category });
        return result.kind === 'estimate' && Number(result.volume) >= 0;
      }),
    );
  });
});
