import { z } from 'zod';
import { QueueName } from './users.ts';

/**
 * `POST /api/cti/practice-calls`: on the simulated PBX (no Asterisk connected), ring one's own
 * phone with a call from a chosen number, to practise or to show the desk. The handset answers by
 * itself; the caller stays until the agent hangs up unless `talkSeconds` is given.
 */
export const PracticeCallBody = z.object({
  /** The customer's number as the carrier would present it (digits, optionally a leading +). */
  callerNumber: z.string().trim().regex(/^\+?\d{3,20}$/, 'digits, optionally with a leading +'),
  queue: QueueName.optional(),
  /** An account number, as if the caller had keyed it into the IVR. */
  ivrAccount: z.string().trim().regex(/^[A-Za-z0-9]{1,32}$/).optional(),
  answerAfterSeconds: z.number().int().min(0).max(60).default(3),
  talkSeconds: z.number().int().min(1).max(600).nullable().default(null),
});
export type PracticeCallBody = z.infer<typeof PracticeCallBody>;
/** What a client sends: the defaults may be left out. */
export type PracticeCallRequest = z.input<typeof PracticeCallBody>;

export const PracticeCallPlaced = z.object({ callId: z.string(), queue: z.string() });
export type PracticeCallPlaced = z.infer<typeof PracticeCallPlaced>;

/** `GET /api/cti/practice-calls`: whether this installation plays its own PBX and so can place practice calls. */
export const PracticeCallAvailability = z.object({ available: z.boolean() });
export type PracticeCallAvailability = z.infer<typeof PracticeCallAvailability>;
