import type { MemberConfig } from './sim-types.ts';
import type { PbxModel } from './pbx-model.ts';

/** Lets time pass in a scenario: real time in demo mode, a manual clock when recording a transcript. */
export type Wait = (ms: number) => Promise<void>;

export interface Scenario {
  readonly description: string;
  play(pbx: PbxModel, wait: Wait): Promise<void>;
}

/** The call center the scenarios are written for: two agents in every queue, as in deploy/asterisk/queues.conf. */
export const SCENARIO_MEMBERS: readonly MemberConfig[] = ['gas-emergency', 'gas-service', 'gas-billing'].flatMap((queue) =>
  ['7001', '7002'].map((extension) => ({ queue, extension })),
);

/** Where scenario recordings start: a Monday, 09:00 in Shanghai. */
export const SCENARIO_START = '2025-01-06T01:00:00.000Z';

const CUSTOMER = '13812341234';
const SERVICE_LINE = '057188881234';

/** The call-center situations the cti must understand, played with real Asterisk event names and fields. */
export const scenarios = {
  'queue-call-answered': {
    description: 'A customer who keyed in an account number waits 7 s, 7001 answers, they talk 95 s, the customer hangs up.',
    async play(pbx, wait) {
      const call = pbx.queueCall({ callerNumber: CUSTOMER, calledNumber: SERVICE_LINE, queue: 'gas-service', ivr: { lane: 'service', account: '1000234' } });
      await wait(4_000);
      pbx.ringAgent(call, '7001');
      await wait(3_000);
      pbx.answer(call, '7001');
      await wait(95_000);
      pbx.hangup(call, 'caller');
    },
  },
  'ring-no-answer-next-agent': {
    description: '7001 lets it ring 15 s; after the queue retry 7002 answers; the agent ends the call after 60 s.',
    async play(pbx, wait) {
      const call = pbx.queueCall({ callerNumber: CUSTOMER, calledNumber: SERVICE_LINE, queue: 'gas-billing', ivr: { lane: 'service' } });
      await wait(1_000);
      pbx.ringAgent(call, '7001');
      await wait(15_000);
      pbx.ringNoAnswer(call, '7001');
      await wait(3_000);
      pbx.ringAgent(call, '7002');
      await wait(2_000);
      pbx.answer(call, '7002');
      await wait(60_000);
      pbx.hangup(call, 'agent');
    },
  },
  'caller-abandons': {
    description: 'A gas-odour caller hangs up after 12 s in the emergency lane while 7001 rings.',
    async play(pbx, wait) {
      const call = pbx.queueCall({ callerNumber: '13998765432', calledNumber: SERVICE_LINE, queue: 'gas-emergency', ivr: { lane: 'emergency' } });
      await wait(4_000);
      pbx.ringAgent(call, '7001');
      await wait(8_000);
      pbx.hangup(call, 'caller');
    },
  },
  'agent-pauses': {
    description: '7001 goes to lunch (paused with a reason in every queue) and comes back 30 minutes later.',
    async play(pbx, wait) {
      pbx.pause('PJSIP/7001', true, '午休');
      await wait(30 * 60_000);
      pbx.pause('PJSIP/7001', false, '');
    },
  },
  'blind-transfer': {
    description: '7001 answers a billing question, then blind-transfers the caller to 7002; the caller hangs up later.',
    async play(pbx, wait) {
      const call = pbx.queueCall({ callerNumber: CUSTOMER, calledNumber: SERVICE_LINE, queue: 'gas-service', ivr: { lane: 'service', account: '1000234' } });
      await wait(2_000);
      pbx.ringAgent(call, '7001');
      await wait(2_000);
      pbx.answer(call, '7001');
      await wait(40_000);
      pbx.blindTransfer(call, '7002');
      await wait(30_000);
      pbx.hangup(call, 'caller');
    },
  },
  'outbound-click-to-dial': {
    description: '7001 clicks a customer number; the phone rings 3 s, the customer answers after 6 s, talks 120 s, hangs up.',
    async play(pbx, wait) {
      const call = pbx.originate({ channel: 'PJSIP/7001', exten: '13912345678', context: 'outbound', requestId: 'click-1' });
      if (!call) throw new Error('7001 could not be called');
      await wait(3_000);
      pbx.agentAnswersOriginate(call);
      await wait(6_000);
      pbx.customerAnswers(call);
      await wait(120_000);
      pbx.hangup(call, 'caller');
    },
  },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof scenarios;
