import type { MeterReadingView, ReadingTaskView } from '@gasdesk/schema';
import type { MeterReading } from './meter-reading.model.ts';

export function presentReading(r: MeterReading, meterSerial: string, accountNo: string | null): MeterReadingView {
  return {
    id: r.id,
    meterId: r.meterId,
    meterSerial,
    accountId: r.accountId,
    accountNo,
    value: r.value,
    readOn: r.readOn,
    readAt: r.readAt ? r.readAt.toISOString() : null,
    reason: r.reason,
    source: r.source,
    kind: r.kind,
    status: r.status,
    consumption: r.consumption,
    standardValue: r.standardValue,
    rollover: r.rollover,
    problems: r.problems ?? [],
    note: r.note,
    resolution: r.resolution,
    resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The reading a task points at, as the entry screen shows it. */
export function presentTaskReading(r: MeterReading | undefined): ReadingTaskView['reading'] {
  if (!r) return null;
  return { id: r.id, value: r.value, readOn: r.readOn, status: r.status, kind: r.kind, consumption: r.consumption, problems: r.problems ?? [] };
}
