import { expect } from 'chai';
import { addDays, businessDate, instantOf } from './calendar.ts';

describe('business dates', () => {
  it('should give the Shanghai date of an instant that is still the previous day in UTC', () => {
    expect(businessDate(new Date('2026-11-28T17:30:00Z'), 'Asia/Shanghai')).to.equal('2026-11-29');
    expect(businessDate(new Date('2026-11-28T15:59:59Z'), 'Asia/Shanghai')).to.equal('2026-11-28');
  });

  it('should count calendar days across month, leap-day and year ends when days are added or taken', () => {
    expect([addDays('2028-02-27', 2), addDays('2026-12-31', 1), addDays('2026-03-01', -1)]).to.deep.equal(['2028-02-29', '2027-01-01', '2026-02-28']);
  });

  it('should read a wall-clock time in a zone as its instant, with or without seconds, and refuse one that is not a time', () => {
    expect(instantOf('2026-12-05 08:30', 'Asia/Shanghai')?.toISOString()).to.equal('2026-12-05T00:30:00.000Z');
    expect(instantOf('2026-12-05T00:15:09', 'Asia/Shanghai')?.toISOString()).to.equal('2026-12-04T16:15:09.000Z');
    expect(instantOf('2026-07-01 12:00', 'Europe/Berlin')?.toISOString()).to.equal('2026-07-01T10:00:00.000Z');
    expect([instantOf('2026-02-30 08:00', 'Asia/Shanghai'), instantOf('2026-12-05 24:10', 'Asia/Shanghai'), instantOf('5 Dec 08:00', 'Asia/Shanghai')]).to.deep.equal([null, null, null]);
  });
});
