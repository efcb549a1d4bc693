import type { CallDay, CallDayFigures } from '@gasdesk/schema';

/** One agent leg of an inbound call, as the call log keeps it. */
export interface DayLeg {
  pbxCallId: string;
  queue: string | null;
  status: string;
  /** When the call joined the queue (or the leg began, without a queue). */
  startedAt: Date;
  answeredAt: Date | null;
  waitSeconds: number | null;
}

interface Tally {
  offered: number;
  answered: number;
  abandoned: number;
  answeredInTime: number;
  waitTotal: number;
}

const empty = (): Tally => ({ offered: 0, answered: 0, abandoned: 0, answeredInTime: 0, waitTotal: 0 });
const percent = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);

function figures(t: Tally): CallDayFigures {
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    answeredInTime: t.answeredInTime,
    serviceLevelPercent: percent(t.answeredInTime, t.answered),
    serviceLevelOfferedPercent: percent(t.answeredInTime, t.answered + t.abandoned),
    asaSeconds: t.answered === 0 ? null : Math.round((t.waitTotal / t.answered) * 10) / 10,
  };
}

/**
 * The day's inbound calls by half hour of their arrival (local time) and by queue. A call rung at
 * several agents has several legs; it counts once: answered when one leg was, abandoned when the
 * caller gave up, and in time when its wait was within its queue's threshold.
 */
export function callDay(legs: readonly DayLeg[], day: { date: string; dayStart: Date; timeZone: string; queue: string | null; goalPercent: number }, serviceLevelOf: (queue: string) => number): CallDay {
  const calls = new Map<string, DayLeg[]>();
  for (const leg of legs) (calls.get(leg.pbxCallId) ?? calls.set(leg.pbxCallId, []).get(leg.pbxCallId)!).push(leg);
  const slots = Array.from({ length: 48 }, empty);
  const queues = new Map<string, Tally>();
  const total = empty();
  for (const call of calls.values()) {
    const first = call.reduce((a, b) => (b.startedAt < a.startedAt ? b : a));
    const queue = first.queue ?? '';
    const slot = Math.floor((first.startedAt.getTime() - day.dayStart.getTime()) / 1_800_000);
    if (slot < 0 || slot >= 48) continue;
    const answered = call.find((l) => l.answeredAt !== null);
    const tallies = [slots[slot]!, total, queues.get(queue) ?? queues.set(queue, empty()).get(queue)!];
    for (const t of tallies) {
      t.offered += 1;
      if (answered) {
        t.answered += 1;
        t.waitTotal += answered.waitSeconds ?? 0;
        if ((answered.waitSeconds ?? 0) <= serviceLevelOf(queue)) t.answeredInTime += 1;
      } else if (call.some((l) => l.status === 'abandoned')) {
        t.abandoned += 1;
      }
    }
  }
  return {
    date: day.date,
    timeZone: day.timeZone,
    queue: day.queue,
    goalPercent: day.goalPercent,
    slots: slots.map((t, i) => ({ start: `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`, ...figures(t) })),
    queues: [...queues].sort(([a], [b]) => a.localeCompare(b)).map(([queue, t]) => ({ queue, serviceLevelSeconds: serviceLevelOf(queue), ...figures(t) })),
    total: figures(total),
  };
}
