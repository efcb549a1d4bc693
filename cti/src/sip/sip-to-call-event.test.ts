import { expect } from 'chai';
import type { AgentRef } from '@gasdesk/schema';
import {
  abandonedEvents,
  answeredEvents,
  callFromInvite,
  endedEvent,
  outboundAnsweredEvent,
  outboundEndedEvent,
  outboundFailedEvent,
  outboundStartedEvent,
  queuedEvent,
  ringingEvent,
  ringNoAnswerEvent,
  uriUser,
  type SipInvite,
  type SipOutboundCall,
} from './sip-to-call-event.ts';

const T0 = '2025-01-06T01:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const agent: AgentRef = { extension: '7001', interface: 'sip:7001@10.0.0.21:5062' };
const invite = (change: Partial<SipInvite> = {}): SipInvite => ({
  callId: 'a84b4c76e66710',
  requestUri: 'sip:057188881234@gasdesk.example;user=phone',
  from: '"张三" <sip:13812341234@trunk.example>;tag=1928301774',
  pAssertedIdentity: null,
  xAccount: '1000234',
  xCard: null,
  xMeter: null,
  xLane: 'service',
  ...change,
});

describe('SIP → CallEvent mapping', () => {
  it('should report the caller waiting with From, Request-URI and the IVR headers when an INVITE arrives', () => {
    const call = callFromInvite(invite({ xCard: '8800123', xMeter: 'M-77' }), 'sip-service', 2, at(0));
    expect(queuedEvent(call)).to.deep.equal({
      type: 'call.queued',
      at: at(0),
      source: 'sip',
      callId: 'a84b4c76e66710',
      callerNumber: '13812341234',
      callerName: '张三',
      calledNumber: '057188881234',
      queue: 'sip-service',
      position: 2,
      ivr: { account: '1000234', cardNumber: '8800123', meterNumber: 'M-77', lane: 'service' },
    });
  });

  it('should take the caller from P-Asserted-Identity and leave out absent IVR keys when the trunk asserts an identity', () => {
    const call = callFromInvite(invite({ from: '<sip:anonymous@anonymous.invalid>;tag=9', pAssertedIdentity: '<tel:13912345678>', xAccount: null, xLane: null }), 'sip-service', 1, at(0));
    expect(queuedEvent(call)).to.deep.equal({
      type: 'call.queued',
      at: at(0),
      source: 'sip',
      callId: 'a84b4c76e66710',
      callerNumber: '13912345678',
      callerName: null,
      calledNumber: '057188881234',
      queue: 'sip-service',
      position: 1,
      ivr: {},
    });
  });

  it('should report no caller number when the caller id is withheld', () => {
    const call = callFromInvite(invite({ from: '"Anonymous" <sip:anonymous@anonymous.invalid>;tag=9' }), 'sip-service', 1, at(0));
    expect([call.callerNumber, call.callerName]).to.deep.equal([null, 'Anonymous']);
  });

  it('should report ringing, leaving the queue, answer and the caller’s hangup with waits and talk time when an agent serves the call', () => {
    const queued = callFromInvite(invite(), 'sip-service', 1, at(0));
    const ringing = ringingEvent(queued, agent, at(1));
    const answered = answeredEvents(ringing.call, at(5));
    const caller = { callerNumber: '13812341234', callerName: '张三', calledNumber: '057188881234' };
    expect([...ringing.events, ...answered.events, endedEvent(answered.call, 'caller', at(95))]).to.deep.equal([
      { type: 'call.ringing', at: at(1), source: 'sip', callId: 'a84b4c76e66710', ...caller, queue: 'sip-service', agent, ivr: { account: '1000234', lane: 'service' } },
      { type: 'call.left_queue', at: at(5), source: 'sip', callId: 'a84b4c76e66710', queue: 'sip-service', position: 1 },
      { type: 'call.answered', at: at(5), source: 'sip', callId: 'a84b4c76e66710', queue: 'sip-service', agent, holdTime: 5, ringTime: 4 },
      { type: 'call.ended', at: at(95), source: 'sip', callId: 'a84b4c76e66710', direction: 'inbound', queue: 'sip-service', agent, talkTime: 90, reason: 'caller_hangup' },
    ]);
  });

  it('should report the agent’s hangup when the BYE comes from the agent’s phone', () => {
    const answered = answeredEvents(ringingEvent(callFromInvite(invite(), 'sip-service', 1, at(0)), agent, at(0)).call, at(2));
    expect(endedEvent(answered.call, 'agent', at(32))).to.deep.equal({
      type: 'call.ended',
      at: at(32),
      source: 'sip',
      callId: 'a84b4c76e66710',
      direction: 'inbound',
      queue: 'sip-service',
      agent,
      talkTime: 30,
      reason: 'agent_hangup',
    });
  });

  it('should report an abandon and leaving the queue with the wait when the caller cancels before an answer', () => {
    const ringing = ringingEvent(callFromInvite(invite(), 'sip-service', 3, at(0)), agent, at(1));
    expect(abandonedEvents(ringing.call, at(12))).to.deep.equal([
      { type: 'call.abandoned', at: at(12), source: 'sip', callId: 'a84b4c76e66710', queue: 'sip-service', waited: 12, position: 3, originalPosition: 3 },
      { type: 'call.left_queue', at: at(12), source: 'sip', callId: 'a84b4c76e66710', queue: 'sip-service', position: 3 },
    ]);
  });

  it('should report the ring going unanswered with its ring time when the agent’s phone refuses the INVITE', () => {
    const ringing = ringingEvent(callFromInvite(invite(), 'sip-service', 1, at(0)), agent, at(1));
    expect(ringNoAnswerEvent(ringing.call, at(21))).to.deep.equal({ type: 'call.ring_no_answer', at: at(21), source: 'sip', callId: 'a84b4c76e66710', queue: 'sip-service', agent, ringTime: 20 });
  });

  it('should read the user part of sip, sips and tel URIs, and none when the URI has none', () => {
    expect(['sip:7001@10.0.0.1:5062;transport=udp', 'sips:%2B8613812341234@h', 'tel:95158;phone-context=x', 'sip:gasdesk.example'].map(uriUser)).to.deep.equal([
      '7001',
      '+8613812341234',
      '95158',
      null,
    ]);
  });

  describe('click-to-dial', () => {
    const dial: SipOutboundCall = { callId: 'req-1', agent, number: '13912345678', answeredAt: null };

    it('should report the call started, answered and ended by the customer with talk time when both sides answer', () => {
      const answered = outboundAnsweredEvent(dial, at(4));
      expect([outboundStartedEvent(dial, at(2)), ...answered.events, outboundEndedEvent(answered.call, 'caller', at(34))]).to.deep.equal([
        { type: 'call.outbound_started', at: at(2), source: 'sip', callId: 'req-1', agent, number: '13912345678', requestId: 'req-1' },
        { type: 'call.answered', at: at(4), source: 'sip', callId: 'req-1', queue: null, agent, holdTime: null, ringTime: null },
        { type: 'call.ended', at: at(34), source: 'sip', callId: 'req-1', direction: 'outbound', queue: null, agent, talkTime: 30, reason: 'caller_hangup' },
      ]);
    });

    it('should report the call ended unanswered when the customer never answers', () => {
      expect(outboundEndedEvent(dial, 'unanswered', at(30))).to.deep.equal({ type: 'call.ended', at: at(30), source: 'sip', callId: 'req-1', direction: 'outbound', queue: null, agent, talkTime: 0, reason: 'unanswered' });
    });

    it('should name the failure from the agent phone’s final status when it does not take the call', () => {
      expect([486, 480, 404, 500].map((status) => outboundFailedEvent(dial, status, at(1)))).to.deep.equal(
        (['busy', 'no_answer', 'unreachable', 'failed'] as const).map((reason) => ({ type: 'call.outbound_failed', at: at(1), source: 'sip', agent, number: '13912345678', requestId: 'req-1', reason })),
      );
    });
  });
});
