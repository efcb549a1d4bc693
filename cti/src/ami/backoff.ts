/** How reconnect attempts are spaced. */
export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
}

/**
 * The wait before reconnect attempt `attempt` (1, 2, …): doubling from `initialMs`, capped at
 * `maxMs`, then jittered to between half and all of it, so that processes restarted together do
 * not hammer a recovering PBX in step, and the wait never collapses to nothing.
 */
export function reconnectDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const capped = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(capped / 2 + (random() * capped) / 2);
}
