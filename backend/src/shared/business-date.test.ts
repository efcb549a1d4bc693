import { expect } from 'chai';
import { businessDate } from './business-date.ts';

describe('business dates', () => {
  it('should give the Shanghai date of an instant that is still the previous day in UTC', () => {
    expect(businessDate(new Date('2026-11-28T17:30:00Z'), 'Asia/Shanghai')).to.equal('2026-11-29');
    expect(businessDate(new Date('2026-11-28T15:59:59Z'), 'Asia/Shanghai')).to.equal('2026-11-28');
  });
});
