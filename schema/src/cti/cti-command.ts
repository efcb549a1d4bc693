import { z } from 'zod';

/**
 * What an api process asks the cti process to do, on the Redis channel `<prefix>:cti-commands`
 * (production, where the desk's api and the PBX link are different processes). Fire and forget:
 * the outcome comes back as CallEvents.
 */
export const CtiCommand = z.discriminatedUnion('action', [
  z.object({ action: z.literal('dial'), extension: z.string().min(1), number: z.string().min(1) }),
  z.object({ action: z.literal('hangup'), callId: z.string().min(1) }),
  z.object({ action: z.literal('transfer'), callId: z.string().min(1), target: z.string().min(1) }),
  z.object({ action: z.literal('pause'), extension: z.string().min(1), paused: z.boolean(), reason: z.string().optional() }),
  z.object({ action: z.literal('join_queue'), extension: z.string().min(1), queue: z.string().min(1) }),
  z.object({ action: z.literal('leave_queue'), extension: z.string().min(1), queue: z.string().min(1) }),
]);
export type CtiCommand = z.infer<typeof CtiCommand>;

/** The Redis pub/sub channel the commands travel on. */
export function ctiCommandsChannel(prefix: string): string {
  return `${prefix}:cti-commands`;
}
