import { expect } from 'chai';
import { reconnectDelay } from './backoff.ts';

describe('reconnect backoff', () => {
  const policy = { initialMs: 500, maxMs: 30_000 };

  it('should double from the initial delay up to the cap when the random part is at its top', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => reconnectDelay(n, policy, () => 1))).to.deep.equal([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('should never wait less than half the capped delay when the random part is at its bottom', () => {
    expect([1, 4, 20].map((n) => reconnectDelay(n, policy, () => 0))).to.deep.equal([250, 2000, 15000]);
  });
});
