import type { AgentRef, CallEventSource } from '@gasdesk/schema';
import { deviceOfChannel, extensionOfInterface } from '../mapping/agent-interface.ts';
import { ivrOf, memberOf } from '../mapping/ami-to-call-event.ts';
import type { PbxCall, PbxSnapshot } from '../pbx-snapshot.ts';
import { header, isEvent, type AmiMessage } from './ami-message.ts';

export interface ResyncAnswers {
  /** The events answering `QueueStatus` (QueueParams, QueueMember, QueueEntry). */
  queueStatus: readonly AmiMessage[];
  /** The `CoreShowChannel` events answering `CoreShowChannels`. */
  channels: readonly AmiMessage[];
  at: string;
  source: CallEventSource;
}

const h = (m: AmiMessage, name: string) => header(m, name) ?? '';
const text = (value: string) => (value && value !== '<unknown>' ? value : null);
const RINGING = '5';

/**
 * The PBX's current calls and members from the answers to `QueueStatus` and `CoreShowChannels`.
 * A call is the channels sharing a `Linkedid`; it counts when a caller waits in a queue, an
 * agent's phone rings or talks for it, or it started from an agent's phone. Pure.
 */
export function buildPbxSnapshot(answers: ResyncAnswers): PbxSnapshot {
  const members = answers.queueStatus.filter((m) => isEvent(m, 'QueueMember')).map(memberOf);
  const agents = new Map(members.map((m) => [m.agent.extension, m.agent.interface]));
  const agentOf = (channel: AmiMessage): AgentRef | null => {
    const extension = extensionOfInterface(deviceOfChannel(h(channel, 'channel')));
    const iface = agents.get(extension);
    return iface ? { extension, interface: iface } : null;
  };
  const entries = new Map(answers.queueStatus.filter((m) => isEvent(m, 'QueueEntry')).map((m) => [h(m, 'uniqueid'), m]));
  const groups = new Map<string, AmiMessage[]>();
  for (const channel of answers.channels) {
    const callId = h(channel, 'linkedid') || h(channel, 'uniqueid');
    groups.set(callId, [...(groups.get(callId) ?? []), channel]);
  }
  const calls: PbxCall[] = [];
  for (const [callId, channels] of groups) {
    const root = channels.find((c) => h(c, 'uniqueid') === callId) ?? channels[0]!;
    const legs = channels.filter((c) => c !== root);
    const bridged = (leg: AmiMessage) => h(leg, 'bridgeid') !== '' && h(leg, 'bridgeid') === h(root, 'bridgeid');
    const rootAgent = agentOf(root);
    if (rootAgent) {
      const customer = legs.find((leg) => !agentOf(leg));
      calls.push({
        callId,
        direction: 'outbound',
        callerNumber: rootAgent.extension,
        callerName: null,
        calledNumber: text(h(root, 'connectedlinenum')) ?? text(customer ? h(customer, 'calleridnum') : '') ?? text(h(root, 'exten')),
        queue: null,
        position: null,
        waitSeconds: null,
        ringing: [],
        agent: rootAgent,
        answered: !!customer && bridged(customer),
        ivr: {},
      });
      continue;
    }
    const agentLegs = legs.filter((leg) => agentOf(leg));
    const ringing = agentLegs.filter((leg) => h(leg, 'channelstate') === RINGING).map((leg) => agentOf(leg)!);
    const talking = agentLegs.find(bridged);
    const entry = entries.get(h(root, 'uniqueid'));
    if (!entry && ringing.length === 0 && !talking) continue;
    calls.push({
      callId,
      direction: 'inbound',
      callerNumber: text(h(root, 'calleridnum')),
      callerName: text(h(root, 'calleridname')),
      calledNumber: text(root.variables.GASDESK_DID ?? ''),
      queue: entry ? h(entry, 'queue') : null,
      position: entry ? Number.parseInt(h(entry, 'position'), 10) || 1 : null,
      waitSeconds: entry ? Number.parseInt(h(entry, 'wait'), 10) || 0 : null,
      ringing,
      agent: talking ? agentOf(talking) : null,
      answered: !!talking,
      ivr: ivrOf(root.variables),
    });
  }
  return { at: answers.at, source: answers.source, calls, members };
}
