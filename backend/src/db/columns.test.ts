import { expect } from 'chai';
import { fenFrom } from './columns.ts';

describe('fen read from the database', () => {
  it('should take whole amounts when MySQL gives strings, SQLite numbers, or a driver bigints', () => {
    expect([fenFrom('12345'), fenFrom('-7'), fenFrom(0), fenFrom(-9_007_199_254_740_991), fenFrom(42n)]).to.deep.equal([12_345, -7, 0, -9_007_199_254_740_991, 42]);
  });

  it('should refuse rather than round when a value is fractional, beyond ±2^53, or missing', () => {
    for (const raw of ['1.5', 1.5, '9007199254740993', 2 ** 53, null, undefined, '', ' 1', 'NaN']) {
      expect(() => fenFrom(raw), String(raw)).to.throw(RangeError, 'not a whole amount of fen');
    }
  });
});
