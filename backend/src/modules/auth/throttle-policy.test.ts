import { expect } from 'chai';
import { afterFailure, retryAfterSeconds, type ThrottlePolicy } from './throttle-policy.ts';

const policy: ThrottlePolicy = { maxFailures: 3, windowMs: 60_000, lockMs: 300_000 };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 8, 0, s));

describe('login throttle policy', () => {
  it('should lock on the failure that reaches the limit within the window, and for the lock time', () => {
    let state = afterFailure(null, policy, at(0));
    state = afterFailure(state, policy, at(10));
    expect(state).to.deep.equal({ failures: 2, windowStartedAt: at(0), lockedUntil: null });
    state = afterFailure(state, policy, at(20));
    expect(state.lockedUntil).to.deep.equal(at(320));
    expect(retryAfterSeconds(state, at(20))).to.equal(300);
    expect(retryAfterSeconds(state, at(319.5))).to.equal(1);
    expect(retryAfterSeconds(state, at(320))).to.equal(0);
  });

  it('should start counting again when the window has passed', () => {
    const old = { failures: 2, windowStartedAt: at(0), lockedUntil: null };
    expect(afterFailure(old, policy, at(61))).to.deep.equal({ failures: 1, windowStartedAt: at(61), lockedUntil: null });
  });

  it('should let a key with no record try at once', () => {
    expect(retryAfterSeconds(null, at(0))).to.equal(0);
  });
});
