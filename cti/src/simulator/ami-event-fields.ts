import type { AmiFields } from '../ami/ami-message.ts';
import { CHANNEL_STATE_DESC, type SimChannel, type SimMember } from './sim-types.ts';

const orUnknown = (value: string) => (value === '' ? '<unknown>' : value);

/** A channel snapshot as Asterisk 12+ prints it, with `prefix` (`Dest`, `Transferee`…) for the second channel of an event. */
export function channelFields(channel: SimChannel, prefix = '', channelVars: readonly string[] = []): AmiFields {
  return [
    [`${prefix}Channel`, channel.name],
    [`${prefix}ChannelState`, String(channel.state)],
    [`${prefix}ChannelStateDesc`, CHANNEL_STATE_DESC[channel.state]],
    [`${prefix}CallerIDNum`, orUnknown(channel.callerIdNum)],
    [`${prefix}CallerIDName`, orUnknown(channel.callerIdName)],
    [`${prefix}ConnectedLineNum`, orUnknown(channel.connectedLineNum)],
    [`${prefix}ConnectedLineName`, orUnknown(channel.connectedLineName)],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, channel.context],
    [`${prefix}Exten`, channel.exten],
    [`${prefix}Priority`, String(channel.priority)],
    [`${prefix}Uniqueid`, channel.uniqueid],
    [`${prefix}Linkedid`, channel.linkedid],
    ...channelVars.map((name) => [`${prefix}ChanVariable`, `${name}=${channel.variables[name] ?? ''}`] as const),
  ];
}

/** The member blob of QueueMemberStatus, QueueMemberPause, QueueMemberAdded and QueueMemberRemoved. */
export function memberBlobFields(member: SimMember, status: number, inCall: boolean): AmiFields {
  return [
    ['Queue', member.queue],
    ['MemberName', member.name],
    ['Interface', member.iface],
    ['StateInterface', member.iface],
    ['Membership', member.dynamic ? 'dynamic' : 'static'],
    ['Penalty', String(member.penalty)],
    ['CallsTaken', String(member.callsTaken)],
    ['LastCall', String(member.lastCall)],
    ['LastPause', String(member.lastPause)],
    ['LoginTime', String(member.loginTime)],
    ['InCall', inCall ? '1' : '0'],
    ['Status', String(status)],
    ['Paused', member.paused ? '1' : '0'],
    ['PausedReason', member.pausedReason],
    ['Ringinuse', '0'],
    ['Wrapuptime', '0'],
  ];
}

/** The `QueueMember` event of a QueueStatus list (different names: `Name`, `Location`). */
export function queueMemberListFields(member: SimMember, status: number, inCall: boolean): AmiFields {
  return [
    ['Queue', member.queue],
    ['Name', member.name],
    ['Location', member.iface],
    ['StateInterface', member.iface],
    ['Membership', member.dynamic ? 'dynamic' : 'static'],
    ['Penalty', String(member.penalty)],
    ['CallsTaken', String(member.callsTaken)],
    ['LastCall', String(member.lastCall)],
    ['LastPause', String(member.lastPause)],
    ['LoginTime', String(member.loginTime)],
    ['InCall', inCall ? '1' : '0'],
    ['Status', String(status)],
    ['Paused', member.paused ? '1' : '0'],
    ['PausedReason', member.pausedReason],
    ['Wrapuptime', '0'],
  ];
}

/** The bridge part of BridgeEnter/BridgeLeave. */
export function bridgeFields(bridgeId: string, channels: number): AmiFields {
  return [
    ['BridgeUniqueid', bridgeId],
    ['BridgeType', 'basic'],
    ['BridgeTechnology', 'simple_bridge'],
    ['BridgeCreator', '<unknown>'],
    ['BridgeName', '<unknown>'],
    ['BridgeNumChannels', String(channels)],
    ['BridgeVideoSourceMode', 'none'],
  ];
}

/** `HH:MM:SS`, as CoreShowChannel prints a channel's age. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');
}
