import { z } from 'zod';
import { BusinessDate } from './registry/fields.ts';

/** The service level a call center aims for (the 80/20 convention): the reference line of the day chart. */
export const SERVICE_LEVEL_GOAL_PERCENT = 80;

export const CallDayQuery = z.object({
  /** The business day in the company's time zone; default today. */
  date: BusinessDate.optional(),
  /** One queue only; default every queue. */
  queue: z.string().max(64).optional(),
});
export type CallDayQuery = z.infer<typeof CallDayQuery>;

/**
 * Figures of a set of inbound calls (each counted once, however many agents were rung), defined as
 * the live wallboard's (`QueueSnapshot`): percentages to one decimal, null with nothing to divide by.
 */
export const CallDayFigures = z.object({
  /** Calls that came into a queue and rang an agent. */
  offered: z.number().int(),
  answered: z.number().int(),
  /** The caller hung up before anybody answered, short abandons included. */
  abandoned: z.number().int(),
  /** Abandons that waited less than `shortAbandonSeconds`; left out of the rates below. */
  shortAbandoned: z.number().int(),
  /** Answered within the queue's service-level threshold. */
  answeredInTime: z.number().int(),
  /** answeredInTime ÷ answered × 100. */
  serviceLevelPercent: z.number().nullable(),
  /** answeredInTime ÷ (answered + abandoned − shortAbandoned) × 100: the offered variant. */
  serviceLevelOfferedPercent: z.number().nullable(),
  /** (abandoned − shortAbandoned) ÷ (answered + abandoned − shortAbandoned) × 100. */
  abandonRatePercent: z.number().nullable(),
  /** Mean queue wait of answered calls, seconds. */
  asaSeconds: z.number().nullable(),
});
export type CallDayFigures = z.infer<typeof CallDayFigures>;

/** `GET /api/cti/wallboard/day`: the day's calls by half hour and by queue. */
export const CallDay = z.object({
  date: BusinessDate,
  timeZone: z.string(),
  queue: z.string().nullable(),
  goalPercent: z.number(),
  /** The live wallboard's short-abandon threshold, seconds. */
  shortAbandonSeconds: z.number().int(),
  /** 48 half hours from 00:00, local time. */
  slots: z.array(CallDayFigures.extend({ start: z.string() })),
  queues: z.array(CallDayFigures.extend({ queue: z.string(), serviceLevelSeconds: z.number().int() })),
  total: CallDayFigures,
});
export type CallDay = z.infer<typeof CallDay>;
