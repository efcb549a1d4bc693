import { expect } from 'chai';
import type { CallEventOf } from '@gasdesk/schema';
import { legChange, legExtension, pickAgent } from './call-leg.ts';

const agent = { extension: '7001', interface: 'PJSIP/7001' };
const base = { source: 'sim' as const, callId: '1736125200.1' };
const ringing: CallEventOf<'call.ringing'> = {
  type: 'call.ringing', ...base, at: '2026-01-06T01:00:04.000Z', callerNumber: '13812341234', callerName: null, calledNumber: '057188881234', queue: 'gas-service', agent, ivr: {},
};
const answered: CallEventOf<'call.answered'> = { type: 'call.answered', ...base, at: '2026-01-06T01:00:07.000Z', queue: 'gas-service', agent, holdTime: 7, ringTime: 3 };
const ended: CallEventOf<'call.ended'> = { type: 'call.ended', ...base, at: '2026-01-06T01:01:07.000Z', direction: 'inbound', queue: 'gas-service', agent, talkTime: 60, reason: 'caller_hangup' };

describe('call-leg: CallEvents onto one agent leg of the call log', () => {
  it('should record the answer with the queue wait and derive the join time when the join was missed', () => {
    expect(legChange({ status: 'ringing', queuedAt: null }, answered)).to.deep.equal({
      status: 'answered',
      answeredAt: new Date('2026-01-06T01:00:07.000Z'),
      waitSeconds: 7,
      queuedAt: new Date('2026-01-06T01:00:00.000Z'),
    });
  });

  it('should end an answered leg with its talk time and a transfer as transferred', () => {
    expect(legChange({ status: 'answered', queuedAt: null }, ended)).to.deep.equal({
      status: 'ended', endedAt: new Date('2026-01-06T01:01:07.000Z'), talkSeconds: 60, endReason: 'caller_hangup',
    });
    expect(legChange({ status: 'answered', queuedAt: null }, { ...ended, reason: 'transfer' })).to.deep.include({ status: 'transferred' });
  });

  it('should keep the PBX’s recording of an answered leg, and none for a leg that only rang', () => {
    const recorded = { ...ended, recording: '/var/spool/asterisk/monitor/q-1736125200.1.wav' };
    expect(legChange({ status: 'answered', queuedAt: null }, recorded)).to.deep.include({ recordingRef: '/var/spool/asterisk/monitor/q-1736125200.1.wav' });
    expect(legChange({ status: 'ringing', queuedAt: null }, recorded)).not.to.have.property('recordingRef');
  });

  it('should change nothing when an event is replayed onto a leg that is past it', () => {
    expect(legChange({ status: 'answered', queuedAt: null }, ringing)).to.equal(null);
    expect(legChange({ status: 'ended', queuedAt: null }, answered)).to.equal(null);
    expect(legChange({ status: 'ended', queuedAt: null }, ended)).to.equal(null);
  });

  it('should mark a leg missed when the phone stops ringing and reopen it when it rings again', () => {
    const noAnswer: CallEventOf<'call.ring_no_answer'> = { type: 'call.ring_no_answer', ...base, at: '2026-01-06T01:00:19.000Z', queue: 'gas-service', agent, ringTime: 15 };
    expect(legChange({ status: 'ringing', queuedAt: null }, noAnswer)).to.deep.equal({ status: 'missed' });
    expect(legChange({ status: 'missed', queuedAt: null }, ringing)).to.deep.equal({ status: 'ringing', ringingAt: new Date('2026-01-06T01:00:04.000Z') });
  });

  it('should abandon a ringing leg when the caller gives up, and name no leg for it', () => {
    const abandoned: CallEventOf<'call.abandoned'> = { type: 'call.abandoned', ...base, at: '2026-01-06T01:00:09.000Z', queue: 'gas-service', waited: 9, position: 1, originalPosition: 1 };
    expect(legChange({ status: 'ringing', queuedAt: null }, abandoned)).to.deep.equal({ status: 'abandoned', endedAt: new Date('2026-01-06T01:00:09.000Z') });
    expect(legExtension(abandoned)).to.equal(null);
    expect(legExtension(answered)).to.equal('7001');
  });

  it('should pick the queue company’s user when the queue is assigned, and only an unambiguous one when not', () => {
    const candidates = [{ id: 1, companyId: 1 }, { id: 2, companyId: 2 }];
    expect(pickAgent(candidates, 2)).to.deep.equal({ id: 2, companyId: 2 });
    expect(pickAgent(candidates, 3)).to.equal(null);
    expect(pickAgent(candidates, null)).to.equal(null);
    expect(pickAgent([candidates[0]!], null)).to.deep.equal({ id: 1, companyId: 1 });
  });
});
