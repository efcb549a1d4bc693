import { countAbandoned, countAnswered, NO_COUNTS, queueFigures, type QueueCounters } from '@gasdesk/cti';
import type { CallDay, CallDayFigures } from '@gasdesk/schema';

/** One agent leg of an inbound call, as the call log keeps it. */
export interface DayLeg {
  pbxCallId: string;
  queue: string | null;
  status: string;
  /** When the call joined the queue (or the leg began, without a queue). */
  startedAt: Date;
  answeredAt: Date | null;
  endedAt: Date | null;
  waitSeconds: number | null;
}

/** The thresholds the live wallboard applies, so that the chart's figures mean what the tiles' mean. */
export interface DayRules {
  serviceLevelSecondsOf(queue: string): number;
  shortAbandonSeconds: number;
}

interface Tally {
  offered: number;
  counts: QueueCounters;
}

const HALF_HOUR_MS = 1_800_000;
const SLOTS = 48;

function figures({ offered, counts }: Tally): CallDayFigures {
  const { serviceLevelPercent, serviceLevelOfferedPercent, abandonRatePercent, asaSeconds } = queueFigures(counts);
  return {
    offered,
    answered: counts.answered,
    abandoned: counts.abandoned,
    shortAbandoned: counts.shortAbandoned,
    answeredInTime: counts.answeredWithinServiceLevel,
    serviceLevelPercent,
    serviceLevelOfferedPercent,
    abandonRatePercent,
    asaSeconds,
  };
}

/** The call's one outcome: the first answered leg wins; else an abandon if the caller gave up while a phone rang. */
function count(counts: QueueCounters, legs: readonly DayLeg[], arrivedAt: Date, serviceLevelSeconds: number, shortAbandonSeconds: number): QueueCounters {
  const answered = legs.find((l) => l.answeredAt !== null);
  if (answered) return countAnswered(counts, answered.waitSeconds ?? 0, serviceLevelSeconds);
  const abandoned = legs.find((l) => l.status === 'abandoned');
  if (!abandoned) return counts;
  // Without an end time the wait is unknown: it counts as a full abandon, not a short one.
  const waited = abandoned.endedAt ? Math.floor((abandoned.endedAt.getTime() - arrivedAt.getTime()) / 1000) : shortAbandonSeconds;
  return countAbandoned(counts, waited, shortAbandonSeconds);
}

/**
 * The day's inbound calls by half hour of their arrival (local time) and by queue, with the live
 * wallboard's definitions (`queueFigures`). A call rung at several agents has several legs; it
 * counts once: answered when one leg was, abandoned when the caller gave up, and in time when its
 * wait was within its queue's threshold. Calls that arrived outside the day are left out.
 */
export function callDay(legs: readonly DayLeg[], day: { date: string; dayStart: Date; timeZone: string; queue: string | null; goalPercent: number }, rules: DayRules): CallDay {
  const calls = new Map<string, DayLeg[]>();
  for (const leg of legs) calls.set(leg.pbxCallId, [...(calls.get(leg.pbxCallId) ?? []), leg]);
  const empty = (): Tally => ({ offered: 0, counts: NO_COUNTS });
  const slots = Array.from({ length: SLOTS }, empty);
  const queues = new Map<string, Tally>();
  const total = empty();
  for (const call of calls.values()) {
    const first = call.reduce((a, b) => (b.startedAt < a.startedAt ? b : a));
    const slot = Math.floor((first.startedAt.getTime() - day.dayStart.getTime()) / HALF_HOUR_MS);
    if (slot < 0 || slot >= SLOTS) continue;
    const queue = first.queue ?? '';
    if (!queues.has(queue)) queues.set(queue, empty());
    for (const tally of [slots[slot]!, queues.get(queue)!, total]) {
      tally.offered += 1;
      tally.counts = count(tally.counts, call, first.startedAt, rules.serviceLevelSecondsOf(queue), rules.shortAbandonSeconds);
    }
  }
  return {
    date: day.date,
    timeZone: day.timeZone,
    queue: day.queue,
    goalPercent: day.goalPercent,
    shortAbandonSeconds: rules.shortAbandonSeconds,
    slots: slots.map((tally, i) => ({ start: `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`, ...figures(tally) })),
    queues: [...queues].sort(([a], [b]) => a.localeCompare(b)).map(([queue, tally]) => ({ queue, serviceLevelSeconds: rules.serviceLevelSecondsOf(queue), ...figures(tally) })),
    total: figures(total),
  };
}
