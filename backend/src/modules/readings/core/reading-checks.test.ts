import { expect } from 'chai';
import { DEFAULT_READING_CHECKS, checkReading, type ReadingCheckInput } from './reading-checks.ts';

const base: ReadingCheckInput = {
  candidate: { value: '1130.000', readOn: '2026-03-01' },
  meter: { registerDigits: 5, maxFlow: '4' },
  last: { value: '1100.000', readOn: '2026-02-01' },
  history: { dailyUse: '1.000', periods: 6 },
  occupied: true,
  settings: DEFAULT_READING_CHECKS,
};
const check = (patch: Partial<ReadingCheckInput>) => checkReading({ ...base, ...patch });
const codes = (patch: Partial<ReadingCheckInput>) => check(patch).problems.map((p) => p.code);

describe('reading checks', () => {
  it('should accept a meter’s first reading with no consumption, and an ordinary one with its consumption', () => {
    expect(check({ last: null })).to.deep.equal({ duplicate: false, consumption: null, rollover: false, problems: [] });
    expect(check({})).to.deep.equal({ duplicate: false, consumption: '30.000', rollover: false, problems: [] });
  });

  it('should take the same value on the same day as a duplicate, and another value on that day as a problem', () => {
    expect(check({ candidate: { value: '1100', readOn: '2026-02-01' } })).to.deep.equal({ duplicate: true, consumption: null, rollover: false, problems: [] });
    const other = check({ candidate: { value: '1101', readOn: '2026-02-01' } });
    expect(other.problems).to.deep.equal([{ code: 'same_day_different_value', message: '1101.000 on 2026-02-01, the day the meter already read 1100.000', params: { lastValue: '1100.000', value: '1101.000' } }]);
  });

  it('should refuse a date before the last reading whatever the value', () => {
    expect(codes({ candidate: { value: '1200', readOn: '2026-01-31' } })).to.deep.equal(['date_before_last']);
  });

  it('should read a lower value as a rollover when the meter could have passed that much, and queue it otherwise', () => {
    const wrapped = check({ last: { value: '99990.500', readOn: '2026-02-01' }, candidate: { value: '20.500', readOn: '2026-03-01' }, history: { dailyUse: '1', periods: 6 } });
    expect(wrapped).to.deep.equal({ duplicate: false, consumption: '30.000', rollover: true, problems: [] });
    const misread = check({ candidate: { value: '1090', readOn: '2026-03-01' } });
    expect(misread.consumption).to.equal(null);
    expect(misread.problems).to.deep.equal([
      {
        code: 'lower_than_last',
        message: '1090.000 is below the last reading 1100.000 (2026-02-01); a rollover would mean 99990.000 m³ in 28 days, more than the meter can pass',
        params: { lastValue: '1100.000', lastReadOn: '2026-02-01', value: '1090.000', rolloverUse: '99990.000', days: 28 },
      },
    ]);
  });

  it('should allow a rollover of an eight-digit commercial register only within its maximum flow', () => {
    const meter = { registerDigits: 8, maxFlow: '160' };
    expect(check({ meter, last: { value: '99999000', readOn: '2026-02-01' }, candidate: { value: '2000', readOn: '2026-02-02' }, history: { dailyUse: null, periods: 0 } }).rollover).to.equal(true);
    expect(codes({ meter, last: { value: '99990000', readOn: '2026-02-01' }, candidate: { value: '2000', readOn: '2026-02-02' } })).to.deep.equal(['lower_than_last']);
  });

  it('should queue use beyond the meter’s maximum flow, far above or below the usual, and none at an occupied home', () => {
    expect(codes({ candidate: { value: '4000', readOn: '2026-03-01' } })).to.deep.equal(['above_max_flow']);
    expect(codes({ candidate: { value: '1185', readOn: '2026-03-01' } })).to.deep.equal(['high_use']);
    expect(codes({ candidate: { value: '1105', readOn: '2026-03-01' } })).to.deep.equal(['low_use']);
    expect(codes({ candidate: { value: '1100', readOn: '2026-03-01' } })).to.deep.equal(['zero_use_occupied']);
    expect(codes({ candidate: { value: '1100', readOn: '2026-03-01' }, occupied: false })).to.deep.equal([]);
    expect(codes({ candidate: { value: '1100', readOn: '2026-02-10' } })).to.deep.equal([]);
  });

  it('should not judge high or low use on too short a history', () => {
    expect(codes({ candidate: { value: '1185', readOn: '2026-03-01' }, history: { dailyUse: '1', periods: 2 } })).to.deep.equal([]);
    expect(codes({ candidate: { value: '1185', readOn: '2026-03-01' }, history: { dailyUse: null, periods: 0 } })).to.deep.equal([]);
  });
});
