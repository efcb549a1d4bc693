import { expect } from 'chai';
import { CallEvent } from './call-event.ts';

describe('CallEvent contract', () => {
  const ringing = {
    type: 'call.ringing',
    at: '2025-01-06T01:00:04.000Z',
    source: 'ami',
    callId: '1736125200.1',
    callerNumber: '13812341234',
    callerName: null,
    calledNumber: '057188881234',
    queue: 'gas-service',
    agent: { extension: '7001', interface: 'PJSIP/7001' },
    ivr: { account: '1000234' },
  };

  it('should accept a screen-pop event as sent over JSON and give it back unchanged', () => {
    expect(CallEvent.parse(JSON.parse(JSON.stringify(ringing)))).to.deep.equal(ringing);
  });

  it('should refuse a type outside the vocabulary and a time that is not ISO-8601', () => {
    expect(CallEvent.safeParse({ ...ringing, type: 'call.exploded' }).success).to.equal(false);
    expect(CallEvent.safeParse({ ...ringing, at: '2025-01-06 09:00' }).success).to.equal(false);
  });

  it('should require every agent state in a wallboard agent’s time by state when a snapshot is sent', () => {
    const agent = {
      agent: ringing.agent,
      state: 'ready',
      pauseReason: null,
      since: ringing.at,
      secondsInState: 3,
      secondsByState: { ready: 3, ringing: 0, on_call: 0, wrap_up: 0, paused: 0 },
      queues: ['gas-service'],
      callId: null,
    };
    const snapshot = { type: 'wallboard.snapshot', source: 'ami', at: ringing.at, since: ringing.at, agents: [agent], queues: [] };
    expect(CallEvent.safeParse(snapshot).success).to.equal(false);
    expect(CallEvent.safeParse({ ...snapshot, agents: [{ ...agent, secondsByState: { ...agent.secondsByState, offline: 0 } }] }).success).to.equal(true);
  });
});
