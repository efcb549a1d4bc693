import { expect } from 'chai';
import { addDays, businessDate } from './business-date.ts';

describe('business dates', () => {
  it('should give the Shanghai date of an instant that is still the previous day in UTC', () => {
    expect(businessDate(new Date('2026-11-28T17:30:00Z'), 'Asia/Shanghai')).to.equal('2026-11-29');
    expect(businessDate(new Date('2026-11-28T15:59:59Z'), 'Asia/Shanghai')).to.equal('2026-11-28');
  });

  it('should count calendar days across month, leap-day and year ends when days are added or taken', () => {
    expect([addDays('2028-02-27', 2), addDays('2026-12-31', 1), addDays('2026-03-01', -1)]).to.deep.equal(['2028-02-29', '2027-01-01', '2026-02-28']);
  });
});
