import type { callDayZhCN } from './callday.zh-CN.ts';

/** Typed against the zh-CN strings: a missing key does not compile. */
export const callDayEn: Record<keyof typeof callDayZhCN, string> = {
  'callDay.title': 'Today’s calls by half hour',
  'callDay.def': 'Bars: by the time they joined a queue, the calls of each half hour that rang an agent (the call log; callers who hung up in the queue before any phone rang are not in it), split into answered / abandoned / other (nobody answered), each call counted once; line: that half hour’s service level = answered within the threshold ÷ answered; dashed: the {goal}% goal.',
  'callDay.date': 'Date',
  'callDay.queue': 'Queue',
  'callDay.allQueues': 'All queues',
  'callDay.answered': 'Answered',
  'callDay.abandoned': 'Abandoned',
  'callDay.other': 'Other',
  'callDay.serviceLevel': 'Service level',
  'callDay.goal': 'Goal {goal}%',
  'callDay.total': 'Whole day: {offered} offered, {answered} answered, {abandoned} abandoned, service level {sl}, average answer {asa}',
  'callDay.none': 'No calls on this day',
  'callDay.slot': '{start}: {offered} offered, {answered} answered, {abandoned} abandoned, service level {sl}',
};
