import { expect } from 'chai';
import type { AgentRef, CallEvent, CallEventSource, QueueMember } from '@gasdesk/schema';
import type { PbxControl } from './pbx-control.ts';
import { ManualClock } from './shared/clock.ts';
import type { MemberConfig } from './simulator/sim-types.ts';
import { EventRecorder } from './testing/event-recorder.ts';
import { ALL_TELEPHONY_CAPABILITIES, TelephonyError, type TelephonyCapability, type TelephonyDriver } from './telephony-driver.ts';

/**
 * A driver wired to a PBX the test can drive: the simulator behind AMI, or the fake's own. `pbx`
 * is null when calls cannot be scripted step by step (the SIP driver is its own PBX: its calls
 * are played by sipp in its own tests).
 */
export interface TelephonyDriverBench {
  driver: TelephonyDriver;
  pbx: PbxControl | null;
  close(): Promise<void>;
}

/** What the implementation under test can do; the tests that need more are listed as skipped with the reason. */
export interface ContractSupport {
  /** Must equal the driver's `capabilities`. Default: every action. */
  capabilities?: ReadonlySet<TelephonyCapability>;
  /** The bench has a `pbx` that scripts calls. Default true. */
  scriptedCalls?: boolean;
}

/** Undeclared actions, called with plausible arguments, to check that each says it is unsupported. */
const ACTION_CALLS: Record<TelephonyCapability, (driver: TelephonyDriver) => Promise<unknown>> = {
  originate: (d) => d.originate({ agent: '7001', number: '13912345678' }),
  redirect: (d) => d.redirect({ callId: 'any-call', target: '8100' }),
  attendedTransfer: (d) => d.attendedTransfer({ callId: 'any-call', agent: '7001', target: '7002' }),
  hangup: (d) => d.hangup({ callId: 'any-call' }),
  pause: (d) => d.pause({ agent: '7001', paused: true }),
  members: (d) => d.addMember({ queue: 'gas-billing', agent: '7002' }),
  queueStatus: (d) => d.queueStatus(),
};

/** What every bench is built with, so that all implementations face the same call center. */
export interface BenchSetup {
  members: readonly MemberConfig[];
  clock: ManualClock;
}

const MEMBERS: readonly MemberConfig[] = [
  { queue: 'gas-service', extension: '7001' },
  { queue: 'gas-service', extension: '7002' },
  { queue: 'gas-billing', extension: '7001' },
];
const START = Date.parse('2025-01-06T01:00:00.000Z');
const at = (seconds: number) => new Date(START + seconds * 1000).toISOString();
const a7001: AgentRef = { extension: '7001', interface: 'PJSIP/7001' };
const a7002: AgentRef = { extension: '7002', interface: 'PJSIP/7002' };
const CUSTOMER = { callerNumber: '13812341234', calledNumber: '057188881234' };

async function rejection(promise: Promise<unknown>): Promise<TelephonyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TelephonyError) return error;
    throw error;
  }
  throw new Error('expected a TelephonyError');
}

/**
 * The behaviour every `TelephonyDriver` must show, run against each implementation: the AMI
 * driver against the PBX simulator over TCP, the fake, and the SIP driver through the drachtio
 * test bridge. Whole CallEvents are compared; only `source` differs between implementations.
 * `support` says what the implementation lacks: those tests are listed as skipped, naming it.
 */
export function describeTelephonyDriverContract(name: string, source: CallEventSource, makeBench: (setup: BenchSetup) => Promise<TelephonyDriverBench>, support: ContractSupport = {}): void {
  const capabilities = support.capabilities ?? ALL_TELEPHONY_CAPABILITIES;
  const scripted = support.scriptedCalls ?? true;
  /** `it` when the driver has what the test needs, otherwise a skipped test that says what is missing. */
  const itNeeds = (needs: { calls?: boolean; actions?: TelephonyCapability[] }) => {
    const missing = [...(needs.calls && !scripted ? ['scripted calls'] : []), ...(needs.actions ?? []).filter((a) => !capabilities.has(a))];
    return missing.length === 0 ? it : (title: string, fn: () => Promise<void>) => it.skip(`${title} [${name} cannot: ${missing.join(', ')}]`, fn);
  };
  /** The bench's scripted PBX; only tests declared with `calls: true` use it. */
  const script = (bench: TelephonyDriverBench) => {
    if (!bench.pbx) throw new Error(`${name} has no scripted PBX`);
    return bench.pbx;
  };

  describe(`TelephonyDriver contract: ${name}`, () => {
    let clock: ManualClock;
    let bench: TelephonyDriverBench;
    let driver: TelephonyDriver;
    let recorder: EventRecorder;

    const member = (queue: string, agent: AgentRef, change: Partial<QueueMember>): CallEvent => ({
      type: 'queue.member_status',
      at: at(0),
      source,
      queue,
      agent,
      name: `Agent ${agent.extension}`,
      status: 'not_in_use',
      paused: false,
      pausedReason: null,
      inCall: false,
      callsTaken: 0,
      lastCallAt: null,
      penalty: 0,
      ...change,
    });
    const endOf = async (callId: string) => recorder.until(() => recorder.callEvents(callId).some((e) => e.type === 'call.ended' || e.type === 'call.abandoned'));

    beforeEach(async () => {
      clock = new ManualClock(at(0));
      bench = await makeBench({ members: MEMBERS, clock });
      driver = bench.driver;
      recorder = new EventRecorder(driver);
      await driver.connect();
    });

    afterEach(async () => {
      recorder.stop();
      await driver.close();
      await bench.close();
    });

    it('should go connecting then connected with a resync first when it connects, and closed when it closes', async () => {
      expect(recorder.statuses.map((s) => s.status)).to.deep.equal(['connecting', 'connected']);
      expect(recorder.order[0]).to.equal('resync');
      expect(driver.status()).to.equal('connected');
      await driver.close();
      expect(driver.status()).to.equal('closed');
    });

    itNeeds({ calls: true })('should report a queued call ringing, answered and ended by the caller as whole CallEvents when an agent serves it', async () => {
      const pbx = script(bench);
      const callId = pbx.queueCall({ ...CUSTOMER, queue: 'gas-service', ivr: { account: '1000234', lane: 'service' } });
      clock.advance(4_000);
      pbx.ringAgent(callId, '7001');
      clock.advance(3_000);
      pbx.answer(callId, '7001');
      clock.advance(95_000);
      pbx.hangup(callId, 'caller');
      await endOf(callId);
      const ivr = { account: '1000234', lane: 'service' };
      expect(recorder.callEvents(callId)).to.deep.equal([
        { type: 'call.queued', at: at(0), source, callId, ...CUSTOMER, callerName: null, queue: 'gas-service', position: 1, ivr },
        { type: 'call.ringing', at: at(4), source, callId, ...CUSTOMER, callerName: null, queue: 'gas-service', agent: a7001, ivr },
        { type: 'call.left_queue', at: at(7), source, callId, queue: 'gas-service', position: 1 },
        { type: 'call.answered', at: at(7), source, callId, queue: 'gas-service', agent: a7001, holdTime: 7, ringTime: 3 },
        { type: 'call.ended', at: at(102), source, callId, direction: 'inbound', queue: 'gas-service', agent: a7001, talkTime: 95, reason: 'caller_hangup' },
      ]);
    });

    itNeeds({ calls: true })('should report the ring going unanswered and the next agent answering when the first agent does not pick up', async () => {
      const pbx = script(bench);
      const callId = pbx.queueCall({ ...CUSTOMER, queue: 'gas-service' });
      pbx.ringAgent(callId, '7001');
      clock.advance(15_000);
      pbx.ringNoAnswer(callId, '7001');
      pbx.ringAgent(callId, '7002');
      clock.advance(2_000);
      pbx.answer(callId, '7002');
      clock.advance(60_000);
      pbx.hangup(callId, 'agent');
      await endOf(callId);
      expect(recorder.callEvents(callId).map((e) => e.type)).to.deep.equal(['call.queued', 'call.ringing', 'call.ring_no_answer', 'call.ringing', 'call.left_queue', 'call.answered', 'call.ended']);
      expect(recorder.callEvents(callId).slice(2)).to.deep.include.members([
        { type: 'call.ring_no_answer', at: at(15), source, callId, queue: 'gas-service', agent: a7001, ringTime: 15 },
        { type: 'call.answered', at: at(17), source, callId, queue: 'gas-service', agent: a7002, holdTime: 17, ringTime: 2 },
        { type: 'call.ended', at: at(77), source, callId, direction: 'inbound', queue: 'gas-service', agent: a7002, talkTime: 60, reason: 'agent_hangup' },
      ]);
    });

    itNeeds({ calls: true })('should report an abandoned call when the caller hangs up while an agent’s phone rings', async () => {
      const pbx = script(bench);
      const callId = pbx.queueCall({ ...CUSTOMER, queue: 'gas-service' });
      pbx.ringAgent(callId, '7001');
      clock.advance(12_000);
      pbx.hangup(callId, 'caller');
      await recorder.until(() => recorder.callEvents(callId).some((e) => e.type === 'call.left_queue'));
      expect(recorder.callEvents(callId).slice(2)).to.deep.equal([
        { type: 'call.abandoned', at: at(12), source, callId, queue: 'gas-service', waited: 12, position: 1, originalPosition: 1 },
        { type: 'call.left_queue', at: at(12), source, callId, queue: 'gas-service', position: 1 },
      ]);
    });

    itNeeds({ actions: ['pause'] })('should pause an agent in one queue with a reason, and unpause everywhere, when asked', async () => {
      await driver.pause({ agent: '7001', paused: true, reason: '午休', queue: 'gas-service' });
      await recorder.until(() => recorder.events.length === 1);
      await driver.pause({ agent: '7001', paused: false });
      await recorder.until(() => recorder.events.length === 3);
      expect(recorder.events).to.deep.equal([
        member('gas-service', a7001, { paused: true, pausedReason: '午休' }),
        member('gas-service', a7001, {}),
        member('gas-billing', a7001, {}),
      ]);
    });

    itNeeds({ actions: ['members'] })('should add a dynamic member and remove it again, and refuse to remove a static one, when asked', async () => {
      await driver.addMember({ queue: 'gas-billing', agent: '7002' });
      await driver.removeMember({ queue: 'gas-billing', agent: '7002' });
      await recorder.until(() => recorder.events.length === 2);
      expect(recorder.events).to.deep.equal([member('gas-billing', a7002, {}), { type: 'queue.member_removed', at: at(0), source, queue: 'gas-billing', agent: a7002 }]);
      const refused = await rejection(driver.removeMember({ queue: 'gas-service', agent: '7001' }));
      expect([refused.code, refused.retryable]).to.deep.equal(['rejected', false]);
    });

    itNeeds({ actions: ['originate', 'hangup'] })('should call the customer from the agent’s phone and end the call when asked to hang up', async () => {
      const { requestId } = await driver.originate({ agent: '7001', number: '13912345678' });
      const started = await recorder.next('call.outbound_started');
      const { callId } = started;
      expect(started).to.deep.equal({ type: 'call.outbound_started', at: at(0), source, callId, agent: a7001, number: '13912345678', requestId });
      await recorder.next('call.answered', (e) => e.callId === callId);
      clock.advance(30_000);
      await driver.hangup({ callId });
      await endOf(callId);
      expect(recorder.callEvents(callId).slice(1)).to.deep.equal([
        { type: 'call.answered', at: at(0), source, callId, queue: null, agent: a7001, holdTime: null, ringTime: null },
        { type: 'call.ended', at: at(30), source, callId, direction: 'outbound', queue: null, agent: a7001, talkTime: 30, reason: 'caller_hangup' },
      ]);
    });

    itNeeds({ calls: true, actions: ['redirect'] })('should end the agent’s part with reason transfer when asked to redirect the caller', async () => {
      const pbx = script(bench);
      const callId = pbx.queueCall({ ...CUSTOMER, queue: 'gas-service' });
      pbx.ringAgent(callId, '7001');
      pbx.answer(callId, '7001');
      clock.advance(40_000);
      // A desk acts on what it has been told: the driver must have seen the answer.
      await recorder.next('call.answered', (e) => e.callId === callId);
      await driver.redirect({ callId, target: '8100' });
      await endOf(callId);
      expect(recorder.callEvents(callId).slice(4)).to.deep.equal([
        { type: 'call.transferred', at: at(40), source, callId, agent: a7001, target: '8100', kind: 'blind' },
        { type: 'call.ended', at: at(40), source, callId, direction: 'inbound', queue: 'gas-service', agent: a7001, talkTime: 40, reason: 'transfer' },
      ]);
    });

    itNeeds({ calls: true, actions: ['attendedTransfer'] })('should report an attended transfer and the end of the agent’s part when the agent transfers to a colleague', async () => {
      const pbx = script(bench);
      const callId = pbx.queueCall({ ...CUSTOMER, queue: 'gas-service' });
      pbx.ringAgent(callId, '7001');
      pbx.answer(callId, '7001');
      clock.advance(20_000);
      await recorder.next('call.answered', (e) => e.callId === callId);
      await driver.attendedTransfer({ callId, agent: '7001', target: '7002' });
      await endOf(callId);
      expect(recorder.callEvents(callId).slice(4)).to.deep.equal([
        { type: 'call.transferred', at: at(20), source, callId, agent: a7001, target: '7002', kind: 'attended' },
        { type: 'call.ended', at: at(20), source, callId, direction: 'inbound', queue: 'gas-service', agent: a7001, talkTime: 20, reason: 'transfer' },
      ]);
    });

    itNeeds({ calls: true, actions: ['queueStatus'] })('should show the waiting caller, the ringing agent and every member when asked for queue status and summary', async () => {
      const pbx = script(bench);
      const callId = pbx.queueCall({ ...CUSTOMER, queue: 'gas-service', ivr: { lane: 'service' } });
      pbx.ringAgent(callId, '7001');
      clock.advance(10_000);
      await recorder.until(() => recorder.events.some((e) => e.type === 'call.ringing'));
      const status = await driver.queueStatus();
      expect(status.calls.map(({ callId: id, queue, position, waitSeconds, ringing, agent, answered, ivr }) => ({ id, queue, position, waitSeconds, ringing, agent, answered, ivr }))).to.deep.equal([
        { id: callId, queue: 'gas-service', position: 1, waitSeconds: 10, ringing: [a7001], agent: null, answered: false, ivr: { lane: 'service' } },
      ]);
      expect(status.members.map((m) => [m.queue, m.agent.extension, m.status])).to.deep.equal([
        ['gas-service', '7001', 'ringing'],
        ['gas-service', '7002', 'not_in_use'],
        ['gas-billing', '7001', 'ringing'],
      ]);
      const summary = await driver.queueSummary();
      expect(summary.map(({ queue, loggedIn, available, callers, longestHoldTime }) => ({ queue, loggedIn, available, callers, longestHoldTime }))).to.deep.equal([
        { queue: 'gas-service', loggedIn: 2, available: 1, callers: 1, longestHoldTime: 10 },
        { queue: 'gas-billing', loggedIn: 1, available: 0, callers: 0, longestHoldTime: 0 },
      ]);
    });

    it('should refuse actions on a call the PBX does not have, saying a retry cannot help', async () => {
      const actions = [
        ...(capabilities.has('hangup') ? [driver.hangup({ callId: 'no-such-call' })] : []),
        ...(capabilities.has('redirect') ? [driver.redirect({ callId: 'no-such-call', target: '7002' })] : []),
      ];
      const errors = await Promise.all(actions.map(rejection));
      expect(errors.map((e) => [e.code, e.retryable])).to.deep.equal(actions.map(() => ['unknown_call', false]));
    });

    it('should declare its capabilities and refuse every other action as rejected, saying a retry cannot help', async () => {
      expect([...driver.capabilities].sort()).to.deep.equal([...capabilities].sort());
      const undeclared = (Object.keys(ACTION_CALLS) as TelephonyCapability[]).filter((a) => !capabilities.has(a));
      const errors = await Promise.all(undeclared.map((a) => rejection(ACTION_CALLS[a](driver))));
      expect(errors.map((e) => [e.code, e.retryable])).to.deep.equal(undeclared.map(() => ['rejected', false]));
    });

    it('should refuse actions after it is closed, saying a retry may help', async () => {
      await driver.close();
      const error = await rejection(driver.pause({ agent: '7001', paused: true }));
      expect([error.code, error.retryable]).to.deep.equal(['not_connected', true]);
    });
  });
}
