import { agentOfInterface, deviceOfChannel, extensionOfInterface } from '../mapping/agent-interface.ts';
import { header, isEvent, type AmiMessage } from './ami-message.ts';

interface KnownChannel {
  readonly name: string;
  readonly uniqueid: string;
  readonly linkedid: string;
}

/**
 * The PBX's live channels, kept from channel events and rebuilt from `CoreShowChannels` on every
 * resync, so that actions named by `callId` and agent can be sent to the right channel.
 */
export class ChannelDirectory {
  private readonly byId = new Map<string, KnownChannel>();

  apply(message: AmiMessage): void {
    const uniqueid = header(message, 'uniqueid') ?? '';
    if (isEvent(message, 'Newchannel')) {
      this.byId.set(uniqueid, { name: header(message, 'channel') ?? '', uniqueid, linkedid: header(message, 'linkedid') || uniqueid });
    } else if (isEvent(message, 'Hangup')) {
      this.byId.delete(uniqueid);
    } else if (isEvent(message, 'Rename')) {
      const known = this.byId.get(uniqueid);
      if (known) this.byId.set(uniqueid, { ...known, name: header(message, 'newname') ?? known.name });
    }
  }

  /** Replaces everything with a `CoreShowChannels` answer. */
  reset(list: readonly AmiMessage[]): void {
    this.byId.clear();
    for (const m of list) {
      const uniqueid = header(m, 'uniqueid') ?? '';
      this.byId.set(uniqueid, { name: header(m, 'channel') ?? '', uniqueid, linkedid: header(m, 'linkedid') || uniqueid });
    }
  }

  /** The customer's channel of a call: the first one that is not an agent's phone (the caller of an inbound call). */
  customerChannel(callId: string, agentExtensions: ReadonlySet<string>): string | null {
    const channels = this.channelsOf(callId);
    return channels.find((c) => !agentExtensions.has(extensionOfInterface(deviceOfChannel(c.name))))?.name ?? null;
  }

  /** The agent's own channel in a call. */
  agentChannel(callId: string, extension: string): string | null {
    return this.channelsOf(callId).find((c) => agentOfInterface(deviceOfChannel(c.name)).extension === extension)?.name ?? null;
  }

  /** Any channel of the call, its first one preferred. */
  anyChannel(callId: string): string | null {
    return this.channelsOf(callId)[0]?.name ?? null;
  }

  private channelsOf(callId: string): KnownChannel[] {
    // The call's first channel first: for an inbound call it is the caller's.
    return [...this.byId.values()].filter((c) => c.linkedid === callId).sort((a, b) => Number(b.uniqueid === callId) - Number(a.uniqueid === callId));
  }
}
