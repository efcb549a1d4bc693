import { CallCenterRobot } from './call-center-robot.ts';
import type { PbxModel } from './pbx-model.ts';

export interface DemoOptions {
  /** Phones of demo customers: most calls come from these, so that screen-pops find someone. */
  callerNumbers: readonly string[];
  /** Agent extensions that answer; added to every queue when not yet members. */
  agents: readonly string[];
  /** The number customers dial. */
  serviceLine?: string;
  /** Mean time between calls (default 20 s). */
  meanIntervalMs?: number;
  /** Share of calls from numbers nobody knows (default 0.2). */
  unknownShare?: number;
  random?: () => number;
  /** Multiplies every duration: 1 is lifelike; tests run the demo at 0.01. */
  timeScale?: number;
}

const between = (random: () => number, min: number, max: number) => Math.round(min + random() * (max - min));

/**
 * Demo mode: a steady trickle of calls into `gas-service`, `gas-billing` and the `gas-emergency`
 * priority lane (gas odour, about one call in ten), mostly from known customers, answered by the
 * given agents after a few rings; some ring unanswered, some callers give up.
 */
export function startDemo(pbx: PbxModel, options: DemoOptions): { stop(): void } {
  const random = options.random ?? Math.random;
  const scale = options.timeScale ?? 1;
  const ms = (min: number, max: number) => between(random, min, max) * scale;
  for (const queue of ['gas-emergency', 'gas-service', 'gas-billing']) {
    for (const extension of options.agents) pbx.addMember(queue, `PJSIP/${extension}`, `Agent ${extension}`, 0);
  }
  const robot = new CallCenterRobot(pbx, {
    answerAfterMs: () => ms(3_000, 8_000),
    picksUp: () => random() < 0.85,
    talkMs: () => ms(20_000, 120_000),
    patienceMs: () => ms(40_000, 180_000),
    callerHangsUp: () => random() < 0.6,
    ringTimeoutMs: 15_000 * scale,
    retryMs: 3_000 * scale,
    wrapUpMs: 10_000 * scale,
  });
  let timer: NodeJS.Timeout;
  const next = () => {
    timer = setTimeout(
      () => {
        placeCall();
        next();
      },
      (options.meanIntervalMs ?? 20_000) * scale * (0.5 + random()),
    );
  };
  const placeCall = () => {
    const known = options.callerNumbers.length > 0 && random() >= (options.unknownShare ?? 0.2);
    const callerNumber = known ? options.callerNumbers[Math.floor(random() * options.callerNumbers.length)]! : `13${String(between(random, 0, 999_999_999)).padStart(9, '0')}`;
    const lane = random();
    const queue = lane < 0.1 ? 'gas-emergency' : lane < 0.4 ? 'gas-billing' : 'gas-service';
    robot.arrive({ callerNumber, calledNumber: options.serviceLine ?? '057188881234', queue, ivr: { lane: queue === 'gas-emergency' ? 'emergency' : 'service' } });
  };
  next();
  return {
    stop: () => {
      clearTimeout(timer);
      robot.stop();
    },
  };
}
