import { expect } from 'chai';
import type { AgentRef, CallEvent, DeviceStatus } from '@gasdesk/schema';
import { parseAmiStream } from '../ami/ami-wire.ts';
import { loadTranscript, mapTranscript } from '../testing/transcripts.ts';
import type { ScenarioName } from '../simulator/scenarios.ts';
import { emptyCallBook, expectTransfer, mapAmiEvent, type CallBook } from './ami-to-call-event.ts';

const T0 = Date.parse('2025-01-06T01:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const CALL = '1736125200.1';
const source = 'ami' as const;
const a7001: AgentRef = { extension: '7001', interface: 'PJSIP/7001' };
const a7002: AgentRef = { extension: '7002', interface: 'PJSIP/7002' };
const customer = { callerNumber: '13812341234', callerName: null, calledNumber: '057188881234' };
const withAccount = { account: '1000234', lane: 'service' };

/** The member events app_queue sends when an agent's phone changes: one per queue the agent is in. */
function memberEvents(
  seconds: number,
  agent: AgentRef,
  status: DeviceStatus,
  more: { inCall?: boolean; paused?: boolean; pausedReason?: string; callsTakenIn?: string; lastCallAt?: string } = {},
): CallEvent[] {
  return ['gas-emergency', 'gas-service', 'gas-billing'].map((queue) => ({
    type: 'queue.member_status',
    at: at(seconds),
    source,
    queue,
    agent,
    name: `Agent ${agent.extension}`,
    status,
    paused: more.paused ?? false,
    pausedReason: more.pausedReason ?? null,
    inCall: more.inCall ?? false,
    callsTaken: more.callsTakenIn === queue ? 1 : 0,
    lastCallAt: more.lastCallAt ?? null,
    penalty: 0,
  }));
}

const TRANSCRIPTS: { scenario: ScenarioName; expected: CallEvent[] }[] = [
  {
    scenario: 'queue-call-answered',
    expected: [
      { type: 'call.queued', at: at(0), source, callId: CALL, ...customer, queue: 'gas-service', position: 1, ivr: withAccount },
      { type: 'call.ringing', at: at(4), source, callId: CALL, ...customer, queue: 'gas-service', agent: a7001, ivr: withAccount },
      ...memberEvents(4, a7001, 'ringing'),
      { type: 'call.left_queue', at: at(7), source, callId: CALL, queue: 'gas-service', position: 1 },
      { type: 'call.answered', at: at(7), source, callId: CALL, queue: 'gas-service', agent: a7001, holdTime: 7, ringTime: 3 },
      ...memberEvents(7, a7001, 'in_use', { inCall: true }),
      { type: 'call.ended', at: at(102), source, callId: CALL, direction: 'inbound', queue: 'gas-service', agent: a7001, talkTime: 95, reason: 'caller_hangup' },
      ...memberEvents(102, a7001, 'not_in_use', { callsTakenIn: 'gas-service', lastCallAt: at(102) }),
    ],
  },
  {
    scenario: 'ring-no-answer-next-agent',
    expected: [
      { type: 'call.queued', at: at(0), source, callId: CALL, ...customer, queue: 'gas-billing', position: 1, ivr: { lane: 'service' } },
      { type: 'call.ringing', at: at(1), source, callId: CALL, ...customer, queue: 'gas-billing', agent: a7001, ivr: { lane: 'service' } },
      ...memberEvents(1, a7001, 'ringing'),
      { type: 'call.ring_no_answer', at: at(16), source, callId: CALL, queue: 'gas-billing', agent: a7001, ringTime: 15 },
      ...memberEvents(16, a7001, 'not_in_use'),
      { type: 'call.ringing', at: at(19), source, callId: CALL, ...customer, queue: 'gas-billing', agent: a7002, ivr: { lane: 'service' } },
      ...memberEvents(19, a7002, 'ringing'),
      { type: 'call.left_queue', at: at(21), source, callId: CALL, queue: 'gas-billing', position: 1 },
      { type: 'call.answered', at: at(21), source, callId: CALL, queue: 'gas-billing', agent: a7002, holdTime: 21, ringTime: 2 },
      ...memberEvents(21, a7002, 'in_use', { inCall: true }),
      { type: 'call.ended', at: at(81), source, callId: CALL, direction: 'inbound', queue: 'gas-billing', agent: a7002, talkTime: 60, reason: 'agent_hangup' },
      ...memberEvents(81, a7002, 'not_in_use', { callsTakenIn: 'gas-billing', lastCallAt: at(81) }),
    ],
  },
  {
    scenario: 'caller-abandons',
    expected: [
      { type: 'call.queued', at: at(0), source, callId: CALL, ...customer, callerNumber: '13998765432', queue: 'gas-emergency', position: 1, ivr: { lane: 'emergency' } },
      { type: 'call.ringing', at: at(4), source, callId: CALL, ...customer, callerNumber: '13998765432', queue: 'gas-emergency', agent: a7001, ivr: { lane: 'emergency' } },
      ...memberEvents(4, a7001, 'ringing'),
      ...memberEvents(12, a7001, 'not_in_use'),
      { type: 'call.abandoned', at: at(12), source, callId: CALL, queue: 'gas-emergency', waited: 12, position: 1, originalPosition: 1 },
      { type: 'call.left_queue', at: at(12), source, callId: CALL, queue: 'gas-emergency', position: 1 },
    ],
  },
  {
    scenario: 'agent-pauses',
    expected: [...memberEvents(0, a7001, 'not_in_use', { paused: true, pausedReason: '午休' }), ...memberEvents(1800, a7001, 'not_in_use')],
  },
  {
    scenario: 'blind-transfer',
    expected: [
      { type: 'call.queued', at: at(0), source, callId: CALL, ...customer, queue: 'gas-service', position: 1, ivr: withAccount },
      { type: 'call.ringing', at: at(2), source, callId: CALL, ...customer, queue: 'gas-service', agent: a7001, ivr: withAccount },
      ...memberEvents(2, a7001, 'ringing'),
      { type: 'call.left_queue', at: at(4), source, callId: CALL, queue: 'gas-service', position: 1 },
      { type: 'call.answered', at: at(4), source, callId: CALL, queue: 'gas-service', agent: a7001, holdTime: 4, ringTime: 2 },
      ...memberEvents(4, a7001, 'in_use', { inCall: true }),
      { type: 'call.transferred', at: at(44), source, callId: CALL, agent: a7001, target: '7002', kind: 'blind' },
      { type: 'call.ended', at: at(44), source, callId: CALL, direction: 'inbound', queue: 'gas-service', agent: a7001, talkTime: 40, reason: 'transfer' },
      ...memberEvents(44, a7001, 'not_in_use', { callsTakenIn: 'gas-service', lastCallAt: at(44) }),
    ],
  },
  {
    scenario: 'outbound-click-to-dial',
    expected: [
      ...memberEvents(0, a7001, 'ringing'),
      ...memberEvents(3, a7001, 'in_use'),
      { type: 'call.outbound_started', at: at(3), source, callId: CALL, agent: a7001, number: '13912345678', requestId: 'click-1' },
      { type: 'call.answered', at: at(9), source, callId: CALL, queue: null, agent: a7001, holdTime: null, ringTime: null },
      { type: 'call.ended', at: at(129), source, callId: CALL, direction: 'outbound', queue: null, agent: a7001, talkTime: 120, reason: 'caller_hangup' },
      ...memberEvents(129, a7001, 'not_in_use'),
    ],
  },
];

/** Maps AMI text (as Asterisk sends it) starting from `book`. */
function mapText(text: string, book: CallBook = emptyCallBook()): { book: CallBook; events: CallEvent[] } {
  const events: CallEvent[] = [];
  for (const message of parseAmiStream(text).messages) {
    const result = mapAmiEvent(book, message, { receivedAt: '2025-01-06T02:00:00.000Z', source });
    book = result.book;
    events.push(...result.events);
  }
  return { book, events };
}

describe('AMI → CallEvent mapping', () => {
  describe('recorded scenarios', () => {
    for (const { scenario, expected } of TRANSCRIPTS) {
      it(`should map the ${scenario} transcript to its CallEvents when played in order`, () => {
        expect(mapTranscript(loadTranscript(scenario))).to.deep.equal(expected);
      });
    }
  });

  it('should read header names in any case and take the receive time when the event has no Timestamp', () => {
    const { events } = mapText(
      'EVENT: agentringnoanswer\r\nLINKEDID: 99.1\r\nqueue: gas-service\r\nINTERFACE: SIP/7003\r\nRingTime: 15400\r\n\r\n',
    );
    expect(events).to.deep.equal([
      { type: 'call.ring_no_answer', at: '2025-01-06T02:00:00.000Z', source, callId: '99.1', queue: 'gas-service', agent: { extension: '7003', interface: 'SIP/7003' }, ringTime: 15 },
    ]);
  });

  it('should name the recording MixMonitor made when the agent’s part ends with the file in a channel variable', () => {
    const { events } = mapText(
      'Event: AgentComplete\r\nLinkedid: 99.2\r\nUniqueid: 99.2\r\nQueue: gas-service\r\nInterface: PJSIP/7001\r\nTalkTime: 42\r\nReason: agent\r\nChanVariable: MIXMONITOR_FILENAME=/var/spool/asterisk/monitor/q-99.2.wav\r\n\r\n',
    );
    expect(events).to.deep.equal([
      {
        type: 'call.ended',
        at: '2025-01-06T02:00:00.000Z',
        source,
        callId: '99.2',
        direction: 'inbound',
        queue: 'gas-service',
        agent: { extension: '7001', interface: 'PJSIP/7001' },
        talkTime: 42,
        reason: 'agent_hangup',
        recording: '/var/spool/asterisk/monitor/q-99.2.wav',
      },
    ]);
  });

  it('should take the pause reason from `Reason` when an Asterisk older than 16 sends no PausedReason', () => {
    const { events } = mapText('Event: QueueMemberPause\nQueue: gas-service\nMemberName: Agent 7001\nInterface: Local/7001@from-queue/n\nStatus: 1\nPaused: 1\nReason: 培训\n\n');
    expect(events).to.deep.equal([
      {
        type: 'queue.member_status',
        at: '2025-01-06T02:00:00.000Z',
        source,
        queue: 'gas-service',
        agent: { extension: '7001', interface: 'Local/7001@from-queue/n' },
        name: 'Agent 7001',
        status: 'not_in_use',
        paused: true,
        pausedReason: '培训',
        inCall: false,
        callsTaken: 0,
        lastCallAt: null,
        penalty: 0,
      },
    ]);
  });

  it('should report a redirect the cti asked for as a transfer when app_queue then reports the agent hanging up', () => {
    const answered = mapText(
      'Event: AgentConnect\nTimestamp: 1736125210.0\nLinkedid: 5.1\nQueue: gas-service\nInterface: PJSIP/7001\nHoldTime: 3\nRingTime: 2\n\n',
    );
    const { events } = mapText(
      'Event: AgentComplete\nTimestamp: 1736125250.0\nLinkedid: 5.1\nQueue: gas-service\nInterface: PJSIP/7001\nHoldTime: 3\nTalkTime: 40\nReason: agent\n\n',
      expectTransfer(answered.book, '5.1', '8100'),
    );
    expect(events).to.deep.equal([
      { type: 'call.transferred', at: at(50), source, callId: '5.1', agent: a7001, target: '8100', kind: 'blind' },
      { type: 'call.ended', at: at(50), source, callId: '5.1', direction: 'inbound', queue: 'gas-service', agent: a7001, talkTime: 40, reason: 'transfer' },
    ]);
  });

  it('should announce an outbound call when an agent dials a number by hand from the phone', () => {
    const { events } = mapText(
      [
        'Event: QueueMemberStatus\nQueue: gas-service\nInterface: PJSIP/7001\nStatus: 2\n\n',
        'Event: DialBegin\nTimestamp: 1736125200.5\nChannel: PJSIP/7001-0000000a\nUniqueid: 7.1\nLinkedid: 7.1\nDestChannel: PJSIP/carrier-0000000b\nDialString: 13912345678@carrier\n\n',
        'Event: Hangup\nTimestamp: 1736125230.5\nChannel: PJSIP/7001-0000000a\nUniqueid: 7.1\nLinkedid: 7.1\nCause: 16\n\n',
      ].join(''),
    );
    expect(events.filter((e) => e.type.startsWith('call.'))).to.deep.equal([
      { type: 'call.outbound_started', at: '2025-01-06T01:00:00.500Z', source, callId: '7.1', agent: a7001, number: '13912345678', requestId: null },
      { type: 'call.ended', at: '2025-01-06T01:00:30.500Z', source, callId: '7.1', direction: 'outbound', queue: null, agent: a7001, talkTime: 0, reason: 'unanswered' },
    ]);
  });

  it('should report a failed click-to-dial with the reason Asterisk gave when the agent is busy', () => {
    const { events } = mapText('Event: OriginateResponse\nActionID: click-9\nResponse: Failure\nChannel: PJSIP/7002\nExten: 13912345678\nReason: 5\nUniqueid: <null>\n\n');
    expect(events).to.deep.equal([
      { type: 'call.outbound_failed', at: '2025-01-06T02:00:00.000Z', source, agent: a7002, number: '13912345678', requestId: 'click-9', reason: 'busy' },
    ]);
  });

  it('should end a queued call whose caller hangs up after leaving the queue without an abandon', () => {
    const joined = mapText('Event: QueueCallerJoin\nTimestamp: 1736125200\nUniqueid: 8.1\nLinkedid: 8.1\nCallerIDNum: <unknown>\nQueue: gas-service\nPosition: 2\n\n');
    const { events } = mapText(
      'Event: QueueCallerLeave\nTimestamp: 1736125205\nUniqueid: 8.1\nLinkedid: 8.1\nQueue: gas-service\nPosition: 1\n\nEvent: Hangup\nTimestamp: 1736125206\nUniqueid: 8.1\nLinkedid: 8.1\n\n',
      joined.book,
    );
    expect(joined.events).to.deep.equal([
      { type: 'call.queued', at: at(0), source, callId: '8.1', callerNumber: null, callerName: null, calledNumber: null, queue: 'gas-service', position: 2, ivr: {} },
    ]);
    expect(events).to.deep.equal([
      { type: 'call.left_queue', at: at(5), source, callId: '8.1', queue: 'gas-service', position: 1 },
      { type: 'call.ended', at: at(6), source, callId: '8.1', direction: 'inbound', queue: 'gas-service', agent: null, talkTime: 0, reason: 'caller_hangup' },
    ]);
  });
});
