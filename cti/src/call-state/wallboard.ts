import type { AgentSnapshot, AgentStateName, QueueSnapshot, WallboardSnapshot } from '@gasdesk/schema';
import type { CallState } from './call-state.ts';
import { NO_COUNTS, queueFigures } from './queue-stats.ts';

const STATES: readonly AgentStateName[] = ['ready', 'ringing', 'on_call', 'wrap_up', 'paused', 'offline'];
const seconds = (ms: number) => Math.max(0, Math.floor(ms / 1000));

/** The wallboard at `at`: every agent with time in state, every queue with its figures. Pure. */
export function wallboardSnapshot(state: CallState, at: string): WallboardSnapshot {
  const now = Date.parse(at);
  const members = Object.values(state.members);
  const calls = Object.values(state.calls);
  const agents: AgentSnapshot[] = Object.values(state.agents)
    .map((tracked) => {
      const inState = now - Date.parse(tracked.since);
      const call = calls.find((c) => c.agent?.extension === tracked.agent.extension || c.ringing[tracked.agent.extension]);
      return {
        agent: tracked.agent,
        state: tracked.state,
        pauseReason: tracked.pauseReason,
        since: tracked.since,
        secondsInState: seconds(inState),
        secondsByState: Object.fromEntries(STATES.map((s) => [s, seconds(tracked.msByState[s] + (s === tracked.state ? inState : 0))])) as Record<AgentStateName, number>,
        queues: members.filter((m) => m.agent.extension === tracked.agent.extension).map((m) => m.queue).sort(),
        callId: call?.callId ?? null,
      };
    })
    .sort((a, b) => a.agent.extension.localeCompare(b.agent.extension));
  const names = new Set([...members.map((m) => m.queue), ...Object.keys(state.queues), ...calls.flatMap((c) => (c.waitingSince && c.queue ? [c.queue] : []))]);
  const queues: QueueSnapshot[] = [...names].sort().map((queue) => {
    const counts = state.queues[queue] ?? NO_COUNTS;
    const waits = calls.filter((c) => c.queue === queue && c.waitingSince).map((c) => now - Date.parse(c.waitingSince!));
    const byState = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<AgentStateName, number>;
    for (const agent of agents) if (agent.queues.includes(queue)) byState[agent.state] += 1;
    return {
      queue,
      waiting: waits.length,
      longestWaitSeconds: seconds(Math.max(0, ...waits)),
      answered: counts.answered,
      answeredWithinServiceLevel: counts.answeredWithinServiceLevel,
      abandoned: counts.abandoned,
      shortAbandoned: counts.shortAbandoned,
      ...queueFigures(counts),
      agentsByState: byState,
      serviceLevelSeconds: state.options.serviceLevelSeconds[queue] ?? state.options.defaultServiceLevelSeconds,
      shortAbandonSeconds: state.options.shortAbandonSeconds,
    };
  });
  return { at, since: state.since, agents, queues };
}
