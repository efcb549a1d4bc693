import { expect } from 'chai';
import type { QueueMember } from '@gasdesk/schema';
import { ManualClock } from '../shared/clock.ts';
import { PbxModel, type ListEvent } from '../simulator/pbx-model.ts';
import { amiMessage } from './ami-message.ts';
import { buildPbxSnapshot } from './resync-snapshot.ts';

const asMessages = (list: ListEvent[]) => list.map((e) => amiMessage([['Event', e.event], ...e.fields]));

describe('resync snapshot', () => {
  it('should rebuild waiting, ringing, answered and outbound calls and every member from QueueStatus and CoreShowChannels', () => {
    const clock = new ManualClock('2025-01-06T01:00:00.000Z');
    const pbx = new PbxModel({ clock, members: ['7001', '7002', '7003'].map((extension) => ({ queue: 'gas-service', extension })) });
    const waiting = pbx.queueCall({ callerNumber: '13812341234', calledNumber: '057188881234', queue: 'gas-service', ivr: { account: '1000234', lane: 'service' } });
    const answered = pbx.queueCall({ callerNumber: '13998765432', calledNumber: '057188881234', queue: 'gas-service', ivr: { lane: 'service' } });
    clock.advance(20_000);
    pbx.ringAgent(waiting, '7001');
    pbx.ringAgent(answered, '7002');
    pbx.answer(answered, '7002');
    const outbound = pbx.originate({ channel: 'PJSIP/7003', exten: '13912345678', context: 'outbound', requestId: null })!;
    pbx.agentAnswersOriginate(outbound);
    pbx.customerAnswers(outbound);
    clock.advance(5_000);

    const snapshot = buildPbxSnapshot({ queueStatus: asMessages(pbx.queueStatusList()), channels: asMessages(pbx.coreShowChannelsList()), at: clock.now().toISOString(), source: 'ami' });

    const agent = (extension: string) => ({ extension, interface: `PJSIP/${extension}` });
    const member = (extension: string, change: Partial<QueueMember>): QueueMember => ({
      queue: 'gas-service',
      agent: agent(extension),
      name: `Agent ${extension}`,
      status: 'not_in_use',
      paused: false,
      pausedReason: null,
      inCall: false,
      callsTaken: 0,
      lastCallAt: null,
      penalty: 0,
      ...change,
    });
    expect(snapshot).to.deep.equal({
      at: '2025-01-06T01:00:25.000Z',
      source: 'ami',
      calls: [
        {
          callId: waiting,
          direction: 'inbound',
          callerNumber: '13812341234',
          callerName: null,
          calledNumber: null,
          queue: 'gas-service',
          position: 1,
          waitSeconds: 25,
          ringing: [agent('7001')],
          agent: null,
          answered: false,
          ivr: { account: '1000234', lane: 'service' },
        },
        {
          callId: answered,
          direction: 'inbound',
          callerNumber: '13998765432',
          callerName: null,
          calledNumber: null,
          queue: null,
          position: null,
          waitSeconds: null,
          ringing: [],
          agent: agent('7002'),
          answered: true,
          ivr: { lane: 'service' },
        },
        {
          callId: outbound,
          direction: 'outbound',
          callerNumber: '7003',
          callerName: null,
          calledNumber: '13912345678',
          queue: null,
          position: null,
          waitSeconds: null,
          ringing: [],
          agent: agent('7003'),
          answered: true,
          ivr: {},
        },
      ],
      members: [member('7001', { status: 'ringing' }), member('7002', { status: 'in_use', inCall: true }), member('7003', { status: 'in_use' })],
    });
  });
});
