import { CallCenterRobot } from './call-center-robot.ts';
import type { PbxModel } from './pbx-model.ts';

export interface LoadOptions {
  /** How many calls to place in all. */
  calls: number;
  callsPerSecond: number;
  /** Agent extensions that serve the load; added to `queue` when not yet members. */
  agents: readonly string[];
  /** Default `gas-service`. */
  queue?: string;
  /** How long agents let the phone ring and talk (defaults 20 ms and 1 s: enough for every call to overlap). */
  answerAfterMs?: number;
  talkMs?: number;
  /** Numbers the callers call from, in turn; default numbers nobody knows. */
  callerNumbers?: readonly string[];
}

export interface LoadRun {
  /** Resolves when every call has ended, with how many were placed. */
  readonly done: Promise<{ calls: number }>;
}

/** Places `calls` calls at `callsPerSecond`, each answered by a free agent, to test the cti under many concurrent calls. */
export function startLoad(pbx: PbxModel, options: LoadOptions): LoadRun {
  const queue = options.queue ?? 'gas-service';
  for (const extension of options.agents) pbx.addMember(queue, `PJSIP/${extension}`, `Agent ${extension}`, 0);
  const robot = new CallCenterRobot(pbx, {
    answerAfterMs: () => options.answerAfterMs ?? 20,
    picksUp: () => true,
    talkMs: () => options.talkMs ?? 1_000,
    patienceMs: () => null,
    callerHangsUp: () => true,
    ringTimeoutMs: 15_000,
    retryMs: 0,
    wrapUpMs: 0,
  });
  let placed = 0;
  const done = new Promise<{ calls: number }>((resolve) => {
    // Arrivals in 10 ms batches: timers cannot fire every 2.5 ms.
    const perTick = options.callsPerSecond / 100;
    let due = 0;
    const timer = setInterval(() => {
      due += perTick;
      while (due >= 1 && placed < options.calls) {
        due -= 1;
        placed += 1;
        const known = options.callerNumbers;
        const callerNumber = known && known.length > 0 ? known[placed % known.length]! : `1390000${String(placed).padStart(4, '0')}`;
        robot.arrive({ callerNumber, calledNumber: '057188881234', queue, ivr: { lane: 'service' } });
      }
      if (placed >= options.calls && robot.active.size === 0) {
        clearInterval(timer);
        robot.stop();
        resolve({ calls: placed });
      }
    }, 10);
  });
  return { done };
}
