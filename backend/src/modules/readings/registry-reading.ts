import { Decimal } from 'decimal.js';
import type { FieldIssue } from '@gasdesk/schema';

export interface DatedValue {
  value: string;
  readOn: string;
}

/**
 * Checks a register value recorded at a moment of a meter's life against the meter's previous
 * reading. Dates are ISO calendar dates, so they compare as strings. A lower value is refused
 * here: telling a rollover from a misread needs the readings module's plausibility rules.
 * Returns the problems found, each naming the field of the request.
 */
export function registryReadingProblems(previous: DatedValue | null, next: DatedValue, field: string): FieldIssue[] {
  if (!previous) return [];
  const problems: FieldIssue[] = [];
  if (next.readOn < previous.readOn) {
    problems.push({ field: `${field}.readOn`, message: `before the meter's last reading on ${previous.readOn}` });
  }
  if (new Decimal(next.value).lt(previous.value)) {
    problems.push({ field: `${field}.value`, message: `lower than the meter's last reading ${previous.value} (${previous.readOn})` });
  }
  return problems;
}
