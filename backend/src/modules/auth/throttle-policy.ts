/**
 * Failed-login throttling as pure functions over a counter state. A key (a username, an IP
 * address) may fail `maxFailures` times within `windowMs`; the next failure locks it for `lockMs`.
 */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

const MINUTE = 60_000;

/** Per username: five wrong passwords in 15 minutes lock that name for 15 minutes. */
export const PER_USER: ThrottlePolicy = { maxFailures: 5, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };
/** Per address: wider, because a hall's cashiers share one NAT address. */
export const PER_IP: ThrottlePolicy = { maxFailures: 30, windowMs: 15 * MINUTE, lockMs: 15 * MINUTE };

/** Seconds until the key may try again, or 0 when it may try now. */
export function retryAfterSeconds(state: ThrottleState | null, now: Date): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000);
}

/** The state after one more failure. */
export function afterFailure(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStartedAt.getTime() < policy.windowMs;
  const failures = windowOpen ? state.failures + 1 : 1;
  const windowStartedAt = windowOpen ? state.windowStartedAt : now;
  const lockedUntil = failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null;
  return { failures, windowStartedAt, lockedUntil };
}
