import type { PbxModel } from './pbx-model.ts';

/** A call the simulator places on request, to one chosen agent (training, the desk's browser test). */
export interface PracticeCallRequest {
  /** The customer's number as the carrier presents it. */
  callerNumber: string;
  /** The agent whose phone rings. */
  extension: string;
  /** The queue it comes through; default: the first of the agent's queues where the agent is ready, the gas-odour lane last. */
  queue?: string;
  /** The utility's number the customer dialled (default the demo service line). */
  calledNumber?: string;
  /** Account number the IVR collected, as real callers key it in. */
  ivrAccount?: string;
  /** How long the phone rings before the simulated handset picks up (default 3 s). */
  answerAfterMs?: number;
  /** How long the customer talks before hanging up; null stays on the line until the agent hangs up (at most `maxTalkMs`). */
  talkMs?: number | null;
  /** Default ten minutes: nobody is left on a forgotten practice call. */
  maxTalkMs?: number;
}

const EMERGENCY = 'gas-emergency';

export type PracticeCallResult = { placed: true; callId: string; queue: string } | { placed: false; reason: 'not_ready' | 'no_such_queue' };

/**
 * Rings one agent with a call from a chosen number, the way the queue would: the caller joins,
 * the agent's phone rings (the screen-pop moment), the simulated handset answers, and the caller
 * hangs up after `talkMs` or stays until the agent ends the call. Only an agent who is a member of
 * the queue, unpaused and not on a call is rung, as Asterisk would.
 */
export function placePracticeCall(pbx: PbxModel, request: PracticeCallRequest): PracticeCallResult {
  // Unasked, a practice call is an ordinary one: the gas-odour lane would sound the alarm.
  const queues = request.queue ? [request.queue] : pbx.queueNames().filter((q) => pbx.memberExtensions(q).includes(request.extension)).sort((a, b) => Number(a === EMERGENCY) - Number(b === EMERGENCY));
  if (request.queue && !pbx.queueNames().includes(request.queue)) return { placed: false, reason: 'no_such_queue' };
  const queue = queues.find((q) => pbx.isAvailable(q, request.extension));
  if (!queue) return { placed: false, reason: 'not_ready' };
  const callId = pbx.queueCall({
    callerNumber: request.callerNumber,
    calledNumber: request.calledNumber ?? '057188881234',
    queue,
    ivr: { lane: queue === EMERGENCY ? 'emergency' : 'service', ...(request.ivrAccount && { account: request.ivrAccount }) },
  });
  pbx.ringAgent(callId, request.extension);
  setTimeout(() => {
    if (!pbx.isRinging(callId, request.extension)) return;
    pbx.answer(callId, request.extension);
    const talkMs = request.talkMs ?? null;
    const maxTalkMs = request.maxTalkMs ?? 10 * 60_000;
    setTimeout(() => {
      if (pbx.hasCall(callId)) pbx.hangup(callId, 'caller');
    }, Math.min(talkMs ?? maxTalkMs, maxTalkMs)).unref();
  }, request.answerAfterMs ?? 3_000).unref();
  return { placed: true, callId, queue };
}
