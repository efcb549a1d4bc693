import type { Redis } from 'ioredis';
import type { TelephonyDriver } from '@gasdesk/cti';
import { ctiCommandsChannel, type CtiCommand } from '@gasdesk/schema';

/**
 * What the desk asks the PBX to do, by extension and call id. The all-in-one process hands these
 * to its in-process telephony driver; in production they go to the cti process (see README.md).
 */
export interface CtiCommands {
  /** Click-to-dial from `extension`; the id comes back on `call.outbound_started`. */
  dial(extension: string, number: string): Promise<{ requestId: string | null }>;
  hangup(callId: string): Promise<void>;
  transfer(callId: string, target: string): Promise<void>;
  pause(extension: string, paused: boolean, reason?: string): Promise<void>;
  joinQueue(extension: string, queue: string): Promise<void>;
  leaveQueue(extension: string, queue: string): Promise<void>;
}

/** The commands sent straight to a telephony driver of this process. */
export class DriverCtiCommands implements CtiCommands {
  constructor(private readonly driver: TelephonyDriver) {}

  async dial(extension: string, number: string) {
    return this.driver.originate({ agent: extension, number });
  }

  hangup(callId: string) {
    return this.driver.hangup({ callId });
  }

  transfer(callId: string, target: string) {
    return this.driver.redirect({ callId, target });
  }

  pause(extension: string, paused: boolean, reason?: string) {
    return this.driver.pause({ agent: extension, paused, ...(reason !== undefined && { reason }) });
  }

  joinQueue(extension: string, queue: string) {
    return this.driver.addMember({ queue, agent: extension });
  }

  leaveQueue(extension: string, queue: string) {
    return this.driver.removeMember({ queue, agent: extension });
  }
}

/**
 * The commands published for the cti process (`cti/src/main.ts` listens on `<prefix>:cti-commands`).
 * Fire and forget: no request id comes back, so the outbound call is matched to its agent by
 * extension (see `pickAgent`).
 */
export class RedisCtiCommands implements CtiCommands {
  private readonly channel: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.channel = ctiCommandsChannel(prefix);
  }

  async dial(extension: string, number: string) {
    await this.send({ action: 'dial', extension, number });
    return { requestId: null };
  }

  hangup(callId: string) {
    return this.send({ action: 'hangup', callId });
  }

  transfer(callId: string, target: string) {
    return this.send({ action: 'transfer', callId, target });
  }

  pause(extension: string, paused: boolean, reason?: string) {
    return this.send({ action: 'pause', extension, paused, ...(reason !== undefined && { reason }) });
  }

  joinQueue(extension: string, queue: string) {
    return this.send({ action: 'join_queue', extension, queue });
  }

  leaveQueue(extension: string, queue: string) {
    return this.send({ action: 'leave_queue', extension, queue });
  }

  private async send(command: CtiCommand): Promise<void> {
    await this.redis.publish(this.channel, JSON.stringify(command));
  }
}
