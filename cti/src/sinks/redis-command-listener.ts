import { Redis } from 'ioredis';
import { CtiCommand, ctiCommandsChannel } from '@gasdesk/schema';
import type { Logger } from '../shared/logger.ts';
import type { TelephonyDriver } from '../telephony-driver.ts';

/**
 * The desk's commands (click-to-dial, hang up, transfer, pause, queue membership) from the api
 * processes, carried out on the driver. A refused command is logged; the desk learns the outcome
 * from the CallEvents that follow (or do not). Resolves once listening, with the stop.
 */
export async function listenForCommands(url: string, prefix: string, driver: TelephonyDriver, logger: Logger): Promise<() => Promise<void>> {
  const subscriber = new Redis(url);
  subscriber.on('error', (error) => logger.warn({ err: error }, 'Redis (cti commands) unreachable'));
  subscriber.on('message', (_channel: string, text: string) => {
    let parsed: ReturnType<typeof CtiCommand.safeParse>;
    try {
      parsed = CtiCommand.safeParse(JSON.parse(text));
    } catch {
      return logger.warn('a message on the command channel is not JSON; dropped');
    }
    if (!parsed.success) return logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'a message on the command channel is not a command; dropped');
    run(driver, parsed.data).catch((error: unknown) => logger.warn({ err: error, action: parsed.data.action }, 'a cti command failed'));
  });
  await subscriber.subscribe(ctiCommandsChannel(prefix));
  return async () => {
    await subscriber.quit();
  };
}

async function run(driver: TelephonyDriver, command: CtiCommand): Promise<void> {
  switch (command.action) {
    case 'dial':
      await driver.originate({ agent: command.extension, number: command.number });
      return;
    case 'hangup':
      return driver.hangup({ callId: command.callId });
    case 'transfer':
      return driver.redirect({ callId: command.callId, target: command.target });
    case 'pause':
      return driver.pause({ agent: command.extension, paused: command.paused, ...(command.reason !== undefined && { reason: command.reason }) });
    case 'join_queue':
      return driver.addMember({ queue: command.queue, agent: command.extension });
    case 'leave_queue':
      return driver.removeMember({ queue: command.queue, agent: command.extension });
  }
}
