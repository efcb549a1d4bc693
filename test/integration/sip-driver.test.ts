import { expect } from 'chai';
import type { CallEvent } from '@gasdesk/schema';
import { systemClock } from '../../cti/src/shared/clock.ts';
import { createLogger } from '../../cti/src/shared/logger.ts';
import { EventRecorder } from '../../cti/src/testing/event-recorder.ts';
import type { PbxSnapshot, QueueSummary } from '../../cti/src/pbx-snapshot.ts';
import { describeTelephonyDriverContract } from '../../cti/src/telephony-driver.contract.ts';
import { SipDriver, type SipAgent } from '../../cti/src/sip/sip-driver.ts';
import { DrachtioBridge } from '../../cti/src/sip/testing/drachtio-bridge.ts';
import { ensureSipp, freeUdpPort, runSipp } from '../../cti/src/sip/testing/sipp.ts';

const SECRET = 'cymru';
const logger = createLogger('silent');
/** What the caller scenarios send: From user, `X-Account`; the number dialled goes in as sipp's service. */
const CALLER = { caller: '13812341234', account: '1000234' };

describeTelephonyDriverContract(
  'sip',
  'sip',
  async ({ clock }) => {
    const bridge = await DrachtioBridge.start({ secret: SECRET });
    const driver = new SipDriver({ host: '127.0.0.1', port: bridge.commandPort, secret: SECRET, agents: [{ extension: '7001', uri: 'sip:7001@127.0.0.1:5062' }] }, { clock, logger });
    return { driver, pbx: null, close: () => bridge.close() };
  },
  { capabilities: new Set(['hangup', 'queueStatus']), scriptedCalls: false },
);

describe('SipDriver ↔ drachtio wire protocol', () => {
  it('should refuse to connect, saying a retry cannot help, when drachtio-server rejects the secret', async () => {
    const bridge = await DrachtioBridge.start({ secret: SECRET });
    const driver = new SipDriver({ host: '127.0.0.1', port: bridge.commandPort, secret: 'wrong', agents: [] }, { clock: systemClock, logger });
    try {
      const error = await driver.connect().then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).to.include({ code: 'authentication_failed', retryable: false });
      expect(driver.status()).to.equal('closed');
    } finally {
      await driver.close();
      await bridge.close();
    }
  });

  it('should report disconnected, then reconnect with a resync, when the link to drachtio-server drops', async () => {
    const bridge = await DrachtioBridge.start({ secret: SECRET });
    const driver = new SipDriver({ host: '127.0.0.1', port: bridge.commandPort, secret: SECRET, agents: [] }, { clock: systemClock, logger });
    const recorder = new EventRecorder(driver);
    try {
      await driver.connect();
      bridge.dropApp();
      await recorder.until(() => recorder.resyncs.length === 2);
      expect(recorder.statuses.map((s) => s.status)).to.deep.equal(['connecting', 'connected', 'disconnected', 'connected']);
    } finally {
      recorder.stop();
      await driver.close();
      await bridge.close();
    }
  });
});

describe('SipDriver with sipp callers and agents', function () {
  this.timeout(30_000);

  // sipp is a required peer (test/ensure-services.ts installs it): without it the suite fails, naming why.
  before(function () {
    this.timeout(300_000);
    const sipp = ensureSipp();
    if (!sipp.ok) throw new Error(sipp.reason);
  });

  let bridge: DrachtioBridge;
  let driver: SipDriver;
  let recorder: EventRecorder;
  let agentPort: number;
  const agents = (count: number): SipAgent[] => Array.from({ length: count }, (_, i) => ({ extension: String(7001 + i), uri: `sip:${7001 + i}@127.0.0.1:${agentPort}` }));

  async function start(agentCount: number, outboundUri?: string): Promise<void> {
    bridge = await DrachtioBridge.start({ secret: SECRET });
    driver = new SipDriver({ host: '127.0.0.1', port: bridge.commandPort, secret: SECRET, agents: agents(agentCount), queue: 'sip-service', outboundUri }, { clock: systemClock, logger });
    recorder = new EventRecorder(driver);
    await driver.connect();
  }

  /** Plays one caller scenario against one agent scenario, `calls` times, runs `meanwhile`, and waits for both sipps. */
  async function play(caller: string, agent: string, calls: number, meanwhile: () => Promise<void> = async () => undefined): Promise<void> {
    const [callerPort, callerMedia, agentMedia] = [await freeUdpPort(), await freeUdpPort(), await freeUdpPort()];
    const phone = runSipp({ scenario: agent, port: agentPort, mediaPort: agentMedia, calls });
    const customer = runSipp({ scenario: caller, port: callerPort, mediaPort: callerMedia, remote: `127.0.0.1:${bridge.sipPort}`, service: '057188881234', calls, rate: calls, keys: CALLER });
    await meanwhile();
    const [phoneResult, customerResult] = await Promise.all([phone.done, customer.done]);
    expect([customerResult.code, phoneResult.code], `caller: ${customerResult.stderr}\nagent: ${phoneResult.stderr}`).to.deep.equal([0, 0]);
  }

  /** The call's events with `at` checked to be in order and then left out, since sipp runs on the real clock. */
  function timeless(callId: string): Omit<CallEvent, 'at'>[] {
    const events = recorder.callEvents(callId);
    const times = events.map((e) => Date.parse(e.at));
    expect(times, 'event times in order').to.deep.equal([...times].sort((a, b) => a - b));
    return events.map(({ at: _at, ...rest }) => rest);
  }

  beforeEach(async () => {
    agentPort = await freeUdpPort();
  });

  afterEach(async () => {
    recorder.stop();
    await driver.close();
    await bridge.close();
  });

  it('should report the caller queued, the agent ringing, the answer and the caller’s hangup with talk time when an agent answers', async () => {
    await start(2);
    // The phone rings 200 ms, the caller talks 1.5 s (scenarios/agent-answers.xml, caller-answered.xml).
    await play('caller-answered', 'agent-answers', 1);
    const callId = recorder.events[0]!.type === 'call.queued' ? recorder.events[0].callId : '';
    await recorder.until(() => recorder.callEvents(callId).some((e) => e.type === 'call.ended'));
    const agent = { extension: '7001', interface: `sip:7001@127.0.0.1:${agentPort}` };
    const who = { source: 'sip', callId };
    expect(timeless(callId)).to.deep.equal([
      { type: 'call.queued', ...who, callerNumber: '13812341234', callerName: 'Caller', calledNumber: '057188881234', queue: 'sip-service', position: 1, ivr: { account: '1000234', lane: 'service' } },
      { type: 'call.ringing', ...who, callerNumber: '13812341234', callerName: 'Caller', calledNumber: '057188881234', queue: 'sip-service', agent, ivr: { account: '1000234', lane: 'service' } },
      { type: 'call.left_queue', ...who, queue: 'sip-service', position: 1 },
      { type: 'call.answered', ...who, queue: 'sip-service', agent, holdTime: 0, ringTime: 0 },
      { type: 'call.ended', ...who, direction: 'inbound', queue: 'sip-service', agent, talkTime: 1, reason: 'caller_hangup' },
    ]);
  });

  it('should report an abandon and no answer when the caller cancels while the agent’s phone rings', async () => {
    await start(1);
    await play('caller-cancels', 'agent-rings', 1);
    const callId = recorder.events[0]!.type === 'call.queued' ? recorder.events[0].callId : '';
    await recorder.until(() => recorder.callEvents(callId).some((e) => e.type === 'call.left_queue'));
    const agent = { extension: '7001', interface: `sip:7001@127.0.0.1:${agentPort}` };
    const who = { source: 'sip', callId };
    expect(timeless(callId)).to.deep.equal([
      { type: 'call.queued', ...who, callerNumber: '13812341234', callerName: 'Caller', calledNumber: '057188881234', queue: 'sip-service', position: 1, ivr: { account: '1000234' } },
      { type: 'call.ringing', ...who, callerNumber: '13812341234', callerName: 'Caller', calledNumber: '057188881234', queue: 'sip-service', agent, ivr: { account: '1000234' } },
      { type: 'call.abandoned', ...who, queue: 'sip-service', waited: 0, position: 1, originalPosition: 1 },
      { type: 'call.left_queue', ...who, queue: 'sip-service', position: 1 },
    ]);
  });

  it('should report the agent’s hangup with talk time when the agent’s phone sends the BYE', async () => {
    await start(1);
    // The agent talks 1.5 s, then hangs up (scenarios/agent-hangs-up.xml).
    await play('caller-waits-for-bye', 'agent-hangs-up', 1);
    const callId = recorder.events[0]!.type === 'call.queued' ? recorder.events[0].callId : '';
    await recorder.until(() => recorder.callEvents(callId).some((e) => e.type === 'call.ended'));
    const agent = { extension: '7001', interface: `sip:7001@127.0.0.1:${agentPort}` };
    expect(timeless(callId).slice(3)).to.deep.equal([
      { type: 'call.answered', source: 'sip', callId, queue: 'sip-service', agent, holdTime: 0, ringTime: 0 },
      { type: 'call.ended', source: 'sip', callId, direction: 'inbound', queue: 'sip-service', agent, talkTime: 1, reason: 'agent_hangup' },
    ]);
  });

  it('should show the call talked and the agent in use, then end both legs as the caller’s side, when asked for status and to hang up', async () => {
    await start(2);
    let callId = '';
    let status: PbxSnapshot | null = null;
    let summary: QueueSummary[] = [];
    await play('caller-waits-for-bye', 'agent-answers', 1, async () => {
      const answered = await recorder.next('call.answered');
      callId = answered.callId;
      [status, summary] = await Promise.all([driver.queueStatus(), driver.queueSummary()]);
      await driver.hangup({ callId });
    });
    const agent = { extension: '7001', interface: `sip:7001@127.0.0.1:${agentPort}` };
    const { calls, members } = status!;
    expect(calls).to.deep.equal([
      { callId, direction: 'inbound', callerNumber: '13812341234', callerName: 'Caller', calledNumber: '057188881234', queue: null, position: null, waitSeconds: null, ringing: [], agent, answered: true, ivr: { account: '1000234', lane: 'service' } },
    ]);
    expect(members.map((m) => [m.queue, m.agent.extension, m.status, m.inCall])).to.deep.equal([
      ['sip-service', '7001', 'in_use', true],
      ['sip-service', '7002', 'not_in_use', false],
    ]);
    expect(summary).to.deep.equal([{ queue: 'sip-service', loggedIn: 2, available: 1, callers: 0, holdTime: 0, talkTime: 0, longestHoldTime: 0 }]);
    expect(timeless(callId).slice(4)).to.deep.equal([{ type: 'call.ended', source: 'sip', callId, direction: 'inbound', queue: 'sip-service', agent, talkTime: 0, reason: 'caller_hangup' }]);
  });

  it('should report the ring unanswered and the caller turned away when the agent’s phone is busy', async () => {
    await start(1);
    await play('caller-turned-away', 'agent-busy', 1);
    const callId = recorder.events[0]!.type === 'call.queued' ? recorder.events[0].callId : '';
    await recorder.until(() => recorder.callEvents(callId).some((e) => e.type === 'call.left_queue'));
    const agent = { extension: '7001', interface: `sip:7001@127.0.0.1:${agentPort}` };
    expect(timeless(callId).slice(2)).to.deep.equal([
      { type: 'call.ring_no_answer', source: 'sip', callId, queue: 'sip-service', agent, ringTime: 0 },
      { type: 'call.abandoned', source: 'sip', callId, queue: 'sip-service', waited: 0, position: 1, originalPosition: 1 },
      { type: 'call.left_queue', source: 'sip', callId, queue: 'sip-service', position: 1 },
    ]);
  });

  it('should ring the agent’s phone, then call the customer and report the customer’s hangup, when asked to originate', async () => {
    const customerPort = await freeUdpPort();
    await start(1, `sip:{number}@127.0.0.1:${customerPort}`);
    expect([...driver.capabilities].sort()).to.deep.equal(['hangup', 'originate', 'queueStatus']);
    // The agent's phone answers after 200 ms; the customer answers and hangs up after 1.5 s (agent-hangs-up.xml plays the customer).
    const phone = runSipp({ scenario: 'agent-answers', port: agentPort, mediaPort: await freeUdpPort(), calls: 1 });
    const customer = runSipp({ scenario: 'agent-hangs-up', port: customerPort, mediaPort: await freeUdpPort(), calls: 1 });
    const { requestId } = await driver.originate({ agent: '7001', number: '13912345678' });
    const [phoneResult, customerResult] = await Promise.all([phone.done, customer.done]);
    expect([customerResult.code, phoneResult.code], `customer: ${customerResult.stderr}\nagent: ${phoneResult.stderr}`).to.deep.equal([0, 0]);
    await recorder.until(() => recorder.callEvents(requestId).some((e) => e.type === 'call.ended'));
    const agent = { extension: '7001', interface: `sip:7001@127.0.0.1:${agentPort}` };
    const who = { source: 'sip', callId: requestId };
    expect(timeless(requestId)).to.deep.equal([
      { type: 'call.outbound_started', ...who, agent, number: '13912345678', requestId },
      { type: 'call.answered', ...who, queue: null, agent, holdTime: null, ringTime: null },
      { type: 'call.ended', ...who, direction: 'outbound', queue: null, agent, talkTime: 1, reason: 'caller_hangup' },
    ]);
  });

  it('should report the click-to-dial failed as busy when the agent’s phone is busy', async () => {
    await start(1, 'sip:{number}@127.0.0.1:9');
    const phone = runSipp({ scenario: 'agent-busy', port: agentPort, mediaPort: await freeUdpPort(), calls: 1 });
    const { requestId } = await driver.originate({ agent: '7001', number: '13912345678' });
    const failed = await recorder.next('call.outbound_failed');
    expect((await phone.done).code).to.equal(0);
    const { at: _at, ...rest } = failed;
    expect(rest).to.deep.equal({ type: 'call.outbound_failed', source: 'sip', agent: { extension: '7001', interface: `sip:7001@127.0.0.1:${agentPort}` }, number: '13912345678', requestId, reason: 'busy' });
  });

  it('should serve 50 concurrent calls, each rung to its own agent and ended, when 50 agents are ready', async () => {
    await start(50);
    await play('caller-answered', 'agent-answers', 50);
    const callIds = [...new Set(recorder.events.flatMap((e) => (e.type === 'call.queued' ? [e.callId] : [])))];
    await recorder.until(() => callIds.every((id) => recorder.callEvents(id).some((e) => e.type === 'call.ended')));
    expect(callIds).to.have.length(50);
    for (const id of callIds) expect(recorder.callEvents(id).map((e) => e.type)).to.deep.equal(['call.queued', 'call.ringing', 'call.left_queue', 'call.answered', 'call.ended']);
    const rungAgents = recorder.events.flatMap((e) => (e.type === 'call.ringing' ? [e.agent.extension] : []));
    expect(new Set(rungAgents).size).to.equal(50);
    const mostWaiting = Math.max(...recorder.events.flatMap((e) => (e.type === 'call.queued' ? [e.position] : [])));
    expect(mostWaiting, 'calls overlapped').to.be.greaterThan(1);
  });
});
