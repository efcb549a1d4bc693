import { expect } from 'chai';
import { systemClock } from '../shared/clock.ts';
import { PbxModel } from './pbx-model.ts';
import { placePracticeCall } from './practice-call.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('practice calls on the simulated PBX', () => {
  let pbx: PbxModel;
  let events: string[];

  beforeEach(() => {
    pbx = new PbxModel({ clock: systemClock, members: [], queues: ['gas-emergency', 'gas-service'] });
    events = [];
    pbx.onEvent((fields) => {
      const name = fields[0]![1];
      if (['AgentCalled', 'AgentConnect', 'AgentComplete', 'QueueCallerJoin'].includes(name)) events.push(`${name} ${fields.find(([k]) => k === 'Queue')?.[1]}`);
    });
  });

  it('should ring the chosen agent in a queue where the agent is ready, not the gas-odour lane, answer, and let the caller hang up after the talk time', async () => {
    pbx.addMember('gas-emergency', 'PJSIP/7001', 'Agent 7001', 0);
    pbx.addMember('gas-service', 'PJSIP/7001', 'Agent 7001', 0);
    pbx.addMember('gas-service', 'PJSIP/7002', 'Agent 7002', 0);
    const result = placePracticeCall(pbx, { callerNumber: '13800000001', extension: '7001', answerAfterMs: 5, talkMs: 10 });
    expect(result).to.deep.include({ placed: true, queue: 'gas-service' });
    expect(events).to.deep.equal(['QueueCallerJoin gas-service', 'AgentCalled gas-service']);
    expect(pbx.isRinging((result as { callId: string }).callId, '7001')).to.equal(true);
    await sleep(40);
    expect(events).to.deep.equal(['QueueCallerJoin gas-service', 'AgentCalled gas-service', 'AgentConnect gas-service', 'AgentComplete gas-service']);
    expect(pbx.hasCall((result as { callId: string }).callId)).to.equal(false);
  });

  it('should stay on the line until the agent hangs up when no talk time is given', async () => {
    pbx.addMember('gas-emergency', 'PJSIP/7001', 'Agent 7001', 0);
    const result = placePracticeCall(pbx, { callerNumber: '13800000001', extension: '7001', answerAfterMs: 5, talkMs: null });
    if (!result.placed) throw new Error('not placed');
    await sleep(30);
    expect(pbx.hasCall(result.callId)).to.equal(true);
    pbx.hangup(result.callId, 'agent');
    expect(events.at(-1)).to.equal('AgentComplete gas-emergency');
  });

  it('should ring nobody when the agent is in no queue, is paused, or the queue does not exist', () => {
    expect(placePracticeCall(pbx, { callerNumber: '13800000001', extension: '7001' })).to.deep.equal({ placed: false, reason: 'not_ready' });
    pbx.addMember('gas-service', 'PJSIP/7001', 'Agent 7001', 0);
    pbx.pause('PJSIP/7001', true, 'lunch');
    expect(placePracticeCall(pbx, { callerNumber: '13800000001', extension: '7001' })).to.deep.equal({ placed: false, reason: 'not_ready' });
    expect(placePracticeCall(pbx, { callerNumber: '13800000001', extension: '7001', queue: 'gas-sales' })).to.deep.equal({ placed: false, reason: 'no_such_queue' });
    expect(events).to.deep.equal([]);
  });
});
