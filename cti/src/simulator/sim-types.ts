/** A channel as the simulated PBX holds it; printed in events the way Asterisk prints a channel snapshot. */
export interface SimChannel {
  readonly name: string;
  readonly uniqueid: string;
  readonly linkedid: string;
  state: ChannelState;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  context: string;
  exten: string;
  priority: number;
  application: string;
  applicationData: string;
  bridgeId: string;
  readonly createdAt: number;
  /** Values of the variables manager.conf `channelvars` lists (inherited by agent legs, as `__` variables are). */
  variables: Record<string, string>;
}

/** Asterisk channel states the simulator uses: Down, Ring (inbound, not answered), Ringing (outbound, alerting), Up. */
export type ChannelState = 0 | 4 | 5 | 6;

export const CHANNEL_STATE_DESC: Readonly<Record<ChannelState, string>> = { 0: 'Down', 4: 'Ring', 5: 'Ringing', 6: 'Up' };

/** A queue member (an agent's phone in one queue). */
export interface SimMember {
  readonly queue: string;
  readonly iface: string;
  readonly name: string;
  penalty: number;
  paused: boolean;
  pausedReason: string;
  callsTaken: number;
  /** Epoch seconds; 0 = never. */
  lastCall: number;
  lastPause: number;
  readonly loginTime: number;
  readonly dynamic: boolean;
  /** Device status and counters last reported in a `QueueMemberStatus`, so that a change is reported once. */
  reported: string;
}

/** A static member configured in the simulated queues.conf. */
export interface MemberConfig {
  queue: string;
  extension: string;
  /** Default `PJSIP/<extension>`. */
  interface?: string;
  /** Default `Agent <extension>`. */
  name?: string;
  penalty?: number;
}
