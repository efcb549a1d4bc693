import type { ReadingCycleSummary, ReadingProblemView, ReadingTaskStatus } from '@gasdesk/schema';
import { isMessageKey, t } from '../../lib/i18n.svelte.ts';

/** A problem in the user's language from its code and figures; a code the desk does not know yet shows the server's English. */
export function problemText(problem: ReadingProblemView): string {
  const key = `problem.${problem.code}`;
  return isMessageKey(key) ? t(key, problem.params) : problem.message;
}

/** Badge tone of a task's status, shared by the entry screen and its summary bar. */
export function taskTone(status: ReadingTaskStatus): '' | 'ok' | 'off' | 'warn' | 'accent' {
  if (status === 'read') return 'ok';
  if (status === 'exception' || status === 'visit_required') return 'warn';
  if (status === 'estimated') return 'accent';
  if (status === 'fault') return 'off';
  return '';
}

/** The summary bar's segments, in the order the bar and its legend show them. */
export const SUMMARY_PARTS = ['read', 'exception', 'fault', 'estimated', 'pending'] as const satisfies readonly (keyof ReadingCycleSummary & ReadingTaskStatus)[];

/** `YYYY-MM` of a business date (`2026-12-04` → `2026-12`). */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}
