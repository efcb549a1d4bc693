import { expect } from 'chai';
import type { AgentRef, AgentStateName, CallEvent, CallEventOf, QueueSnapshot } from '@gasdesk/schema';
import type { PbxSnapshot } from '../pbx-snapshot.ts';
import type { ScenarioName } from '../simulator/scenarios.ts';
import { loadTranscript, mapTranscript } from '../testing/transcripts.ts';
import { initialCallState, reduceCallState, type CallState, type CallStateInput } from './call-state.ts';
import { wallboardSnapshot } from './wallboard.ts';

const T0 = Date.parse('2025-01-06T01:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const source = 'ami' as const;
const a7001: AgentRef = { extension: '7001', interface: 'PJSIP/7001' };
const a7002: AgentRef = { extension: '7002', interface: 'PJSIP/7002' };

function run(inputs: readonly CallStateInput[], state: CallState = initialCallState(at(0))): { state: CallState; emitted: CallEvent[] } {
  const emitted: CallEvent[] = [];
  for (const input of inputs) {
    const reduction = reduceCallState(state, input);
    state = reduction.state;
    emitted.push(...reduction.emitted);
  }
  return { state, emitted };
}

const events = (list: readonly CallEvent[]): CallStateInput[] => list.map((event) => ({ kind: 'event', event }));

function agentState(seconds: number, agent: AgentRef, state: AgentStateName, previous: AgentStateName | null, pauseReason: string | null = null): CallEventOf<'agent.state'> {
  return { type: 'agent.state', at: at(seconds), source, agent, state, pauseReason, since: at(seconds), previous };
}

function queueFigures(queue: string, figures: Partial<QueueSnapshot>): QueueSnapshot {
  return {
    queue,
    waiting: 0,
    longestWaitSeconds: 0,
    answered: 0,
    answeredWithinServiceLevel: 0,
    abandoned: 0,
    shortAbandoned: 0,
    serviceLevelPercent: null,
    serviceLevelOfferedPercent: null,
    abandonRatePercent: null,
    asaSeconds: null,
    asaP90Seconds: null,
    agentsByState: { ready: 0, ringing: 0, on_call: 0, wrap_up: 0, paused: 0, offline: 0 },
    serviceLevelSeconds: 20,
    shortAbandonSeconds: 5,
    ...figures,
  };
}
const readyAgents = (n: number) => ({ ready: n, ringing: 0, on_call: 0, wrap_up: 0, paused: 0, offline: 0 });

const SCENARIOS: {
  scenario: ScenarioName;
  /** Call events the reducer holds back because they tell nothing new. */
  held?: CallEvent['type'][];
  /** A tick this many seconds after the start, once the transcript is played. */
  tickAt: number;
  agentStates: CallEventOf<'agent.state'>[];
  queue: QueueSnapshot;
}[] = [
  {
    scenario: 'queue-call-answered',
    tickAt: 120,
    agentStates: [agentState(4, a7001, 'ringing', null), agentState(7, a7001, 'on_call', 'ringing'), agentState(102, a7001, 'wrap_up', 'on_call'), agentState(120, a7001, 'ready', 'wrap_up')],
    queue: queueFigures('gas-service', {
      answered: 1,
      answeredWithinServiceLevel: 1,
      serviceLevelPercent: 100,
      serviceLevelOfferedPercent: 100,
      abandonRatePercent: 0,
      asaSeconds: 7,
      asaP90Seconds: 7,
      agentsByState: readyAgents(1),
      serviceLevelSeconds: 30,
    }),
  },
  {
    scenario: 'ring-no-answer-next-agent',
    tickAt: 100,
    agentStates: [
      agentState(1, a7001, 'ringing', null),
      agentState(16, a7001, 'ready', 'ringing'),
      agentState(19, a7002, 'ringing', null),
      agentState(21, a7002, 'on_call', 'ringing'),
      agentState(81, a7002, 'wrap_up', 'on_call'),
      agentState(100, a7002, 'ready', 'wrap_up'),
    ],
    // Answered after 21 s: outside the default 20 s service level.
    queue: queueFigures('gas-billing', { answered: 1, serviceLevelPercent: 0, serviceLevelOfferedPercent: 0, abandonRatePercent: 0, asaSeconds: 21, asaP90Seconds: 21, agentsByState: readyAgents(2) }),
  },
  {
    scenario: 'caller-abandons',
    held: ['call.left_queue'],
    tickAt: 20,
    agentStates: [agentState(4, a7001, 'ringing', null), agentState(12, a7001, 'ready', 'ringing')],
    queue: queueFigures('gas-emergency', { abandoned: 1, serviceLevelOfferedPercent: 0, abandonRatePercent: 100, agentsByState: readyAgents(1), serviceLevelSeconds: 15 }),
  },
  {
    scenario: 'agent-pauses',
    tickAt: 1800,
    agentStates: [agentState(0, a7001, 'paused', null, '午休'), agentState(1800, a7001, 'ready', 'paused')],
    queue: queueFigures('gas-service', { agentsByState: readyAgents(1), serviceLevelSeconds: 30 }),
  },
  {
    scenario: 'blind-transfer',
    tickAt: 60,
    agentStates: [agentState(2, a7001, 'ringing', null), agentState(4, a7001, 'on_call', 'ringing'), agentState(44, a7001, 'wrap_up', 'on_call'), agentState(60, a7001, 'ready', 'wrap_up')],
    queue: queueFigures('gas-service', {
      answered: 1,
      answeredWithinServiceLevel: 1,
      serviceLevelPercent: 100,
      serviceLevelOfferedPercent: 100,
      abandonRatePercent: 0,
      asaSeconds: 4,
      asaP90Seconds: 4,
      agentsByState: readyAgents(1),
      serviceLevelSeconds: 30,
    }),
  },
  {
    scenario: 'outbound-click-to-dial',
    tickAt: 140,
    agentStates: [agentState(0, a7001, 'ringing', null), agentState(3, a7001, 'on_call', 'ringing'), agentState(129, a7001, 'wrap_up', 'on_call'), agentState(140, a7001, 'ready', 'wrap_up')],
    queue: queueFigures('gas-service', { agentsByState: readyAgents(1), serviceLevelSeconds: 30 }),
  },
];

const isCallEvent = (e: CallEvent) => e.type.startsWith('call.');

describe('call-state reducer', () => {
  describe('recorded scenarios', () => {
    for (const row of SCENARIOS) {
      it(`should pass on the ${row.scenario} call events once, track agent states and count the queue when played`, () => {
        const mapped = mapTranscript(loadTranscript(row.scenario));
        const { state, emitted } = run([...events(mapped), { kind: 'tick', at: at(row.tickAt) }]);
        expect(emitted.filter(isCallEvent)).to.deep.equal(mapped.filter((e) => isCallEvent(e) && !row.held?.includes(e.type)));
        expect(emitted.filter((e) => e.type === 'agent.state')).to.deep.equal(row.agentStates);
        expect(wallboardSnapshot(state, at(row.tickAt)).queues.find((q) => q.queue === row.queue.queue)).to.deep.equal(row.queue);
      });
    }
  });

  it('should pop the screen once when the same AgentCalled arrives twice', () => {
    const mapped = mapTranscript(loadTranscript('queue-call-answered'));
    const ringing = mapped.find((e) => e.type === 'call.ringing')!;
    const { emitted } = run(events([mapped[0]!, ringing, ringing]));
    expect(emitted.filter((e) => e.type === 'call.ringing')).to.deep.equal([ringing]);
  });

  it('should report time in each state on the wallboard when an agent has moved between states', () => {
    const { state } = run([...events(mapTranscript(loadTranscript('queue-call-answered'))), { kind: 'tick', at: at(120) }]);
    expect(wallboardSnapshot(state, at(150)).agents).to.deep.equal([
      {
        agent: a7001,
        state: 'ready',
        pauseReason: null,
        since: at(120),
        secondsInState: 30,
        secondsByState: { ready: 30, ringing: 3, on_call: 95, wrap_up: 18, paused: 0, offline: 0 },
        queues: ['gas-billing', 'gas-emergency', 'gas-service'],
        callId: null,
      },
    ]);
  });

  it('should count an abandon under 5 s apart and keep it out of the rates', () => {
    const queued: CallEvent = { type: 'call.queued', at: at(0), source, callId: 'c1', callerNumber: null, callerName: null, calledNumber: null, queue: 'gas-service', position: 1, ivr: {} };
    const { state } = run(events([queued, { type: 'call.abandoned', at: at(3), source, callId: 'c1', queue: 'gas-service', waited: 3, position: 1, originalPosition: 1 }]));
    expect(wallboardSnapshot(state, at(3)).queues).to.deep.equal([queueFigures('gas-service', { abandoned: 1, shortAbandoned: 1, serviceLevelSeconds: 30 })]);
  });

  describe('after a resync', () => {
    const ringing = (callId: string, agent: AgentRef, seconds: number): CallEvent => ({
      type: 'call.ringing',
      at: at(seconds),
      source,
      callId,
      callerNumber: '13812341234',
      callerName: null,
      calledNumber: '057188881234',
      queue: 'gas-service',
      agent,
      ivr: {},
    });
    const queued = (callId: string, seconds: number): CallEvent => ({
      type: 'call.queued',
      at: at(seconds),
      source,
      callId,
      callerNumber: '13812341234',
      callerName: null,
      calledNumber: '057188881234',
      queue: 'gas-service',
      position: 1,
      ivr: {},
    });
    const snapshot = (seconds: number, calls: PbxSnapshot['calls']): CallStateInput => ({ kind: 'resync', snapshot: { at: at(seconds), source, calls, members: [] } });
    const pbxCall = (callId: string, change: Partial<PbxSnapshot['calls'][number]>): PbxSnapshot['calls'][number] => ({
      callId,
      direction: 'inbound',
      callerNumber: '13812341234',
      callerName: null,
      calledNumber: '057188881234',
      queue: 'gas-service',
      position: 1,
      waitSeconds: 30,
      ringing: [],
      agent: null,
      answered: false,
      ivr: {},
      ...change,
    });

    it('should end calls the PBX no longer has as lost, without counting them', () => {
      const before = run(events([queued('gone', 0), ringing('gone', a7001, 2)]));
      const { state, emitted } = run([snapshot(40, [])], before.state);
      expect(emitted).to.deep.equal([
        { type: 'call.ended', at: at(40), source, callId: 'gone', direction: 'inbound', queue: 'gas-service', agent: null, talkTime: 0, reason: 'lost' },
        agentState(40, a7001, 'offline', 'ringing'),
      ]);
      expect(state.calls).to.deep.equal({});
      expect(wallboardSnapshot(state, at(40)).queues).to.deep.equal([]);
    });

    it('should pop a ring that began in the gap once and not again for a ring already popped', () => {
      const before = run(events([queued('c1', 0), ringing('c1', a7001, 2)]));
      const resync = snapshot(40, [pbxCall('c1', { ringing: [a7001, a7002], waitSeconds: 40 })]);
      const { emitted } = run([resync, resync, { kind: 'event', event: ringing('c1', a7002, 39) }], before.state);
      expect(emitted).to.deep.equal([{ ...ringing('c1', a7002, 40), at: at(40) }, agentState(40, a7002, 'ringing', null)]);
    });

    it('should announce a call answered in the gap without counting its wait', () => {
      const { state, emitted } = run([snapshot(40, [pbxCall('c2', { queue: null, position: null, waitSeconds: null, agent: a7002, answered: true })])]);
      expect(emitted).to.deep.equal([
        { type: 'call.answered', at: at(40), source, callId: 'c2', queue: null, agent: a7002, holdTime: null, ringTime: null },
        agentState(40, a7002, 'on_call', null),
      ]);
      expect(state.queues).to.deep.equal({});
    });

    it('should take up a waiting call missed in the gap with its true wait', () => {
      const { state, emitted } = run([snapshot(40, [pbxCall('c3', { waitSeconds: 25 })])]);
      expect(emitted).to.deep.equal([{ ...queued('c3', 40) }]);
      expect(wallboardSnapshot(state, at(45)).queues).to.deep.equal([queueFigures('gas-service', { waiting: 1, longestWaitSeconds: 30, serviceLevelSeconds: 30 })]);
    });
  });
});
