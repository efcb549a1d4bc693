import { RegisterValue, type HhuEncoding, type HhuImportReport, type ReadingCycleClosed, type ReadingCycleView, type ReadingEntry, type ReadingEntryResult, type ReadingFaultCode, type ReadingTaskView } from '@gasdesk/schema';
import { api } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';
import { companyToday } from '../../lib/format.ts';

/** What is typed on one row and not saved yet. */
export interface Draft {
  value: string;
  faultCode: ReadingFaultCode | '';
  note: string;
}

const EMPTY: Draft = { value: '', faultCode: '', note: '' };

/** A task still waiting for a reading: the only rows the entry screen lets one type into. */
export function isOpenTask(task: ReadingTaskView): boolean {
  return task.status === 'pending' || task.status === 'visit_required';
}

/** The value the schema accepts (digits, at most 3 decimals), checked before sending so the row can say so at once. */
export function isValidValue(value: string): boolean {
  return RegisterValue.safeParse(value.trim()).success;
}

/**
 * The entry screen's state: the cycle, the rows typed since the last save, each saved row's
 * outcome, and the handheld file and close actions. Saving sends every changed row at once.
 */
export class CycleEntry {
  cycle = $state.raw<ReadingCycleView | null>(null);
  drafts = $state<Record<number, Draft>>({});
  outcomes = $state<Record<number, ReadingEntryResult>>({});
  readOn = $state(companyToday());
  saving = $state(false);
  importing = $state(false);
  report = $state.raw<HhuImportReport | null>(null);
  closed = $state.raw<ReadingCycleClosed | null>(null);
  readonly id: number;

  constructor(id: number) {
    this.id = id;
  }

  draft(taskId: number): Draft {
    return this.drafts[taskId] ?? EMPTY;
  }

  set(taskId: number, patch: Partial<Draft>): void {
    this.drafts[taskId] = { ...this.draft(taskId), ...patch };
  }

  /** Rows with a value or a fault code typed; a note alone is not a reading. */
  changed = $derived.by(() =>
    (this.cycle?.tasks ?? []).filter((task) => {
      const d = this.drafts[task.id];
      return isOpenTask(task) && d !== undefined && (d.value.trim() !== '' || d.faultCode !== '');
    }),
  );

  invalid = $derived(this.changed.filter((task) => this.draft(task.id).faultCode === '' && !isValidValue(this.draft(task.id).value)));

  async load(): Promise<void> {
    try {
      this.cycle = await api.readingCycle(this.id);
    } catch (err) {
      reportError(err);
    }
  }

  /** Sends the changed rows; answers how many went and how they came out, or null when nothing was sent. */
  async save(): Promise<ReadingEntryResult[] | null> {
    if (this.saving || this.changed.length === 0 || this.invalid.length > 0) return null;
    this.saving = true;
    try {
      const entries: ReadingEntry[] = this.changed.map((task) => {
        const d = this.draft(task.id);
        // A fault code wins over a half-typed value: the reader could not read the meter.
        return d.faultCode
          ? { taskId: task.id, value: null, faultCode: d.faultCode, readOn: this.readOn, note: d.note.trim() }
          : { taskId: task.id, value: d.value.trim(), faultCode: null, readOn: this.readOn, note: d.note.trim() };
      });
      const { results } = await api.enterReadings(this.id, { entries });
      for (const r of results) {
        this.outcomes[r.taskId] = r;
        if (r.outcome !== 'refused') delete this.drafts[r.taskId];
      }
      await this.load();
      return results;
    } catch (err) {
      reportError(err);
      return null;
    } finally {
      this.saving = false;
    }
  }

  /** Downloads the cycle as a handheld file under the server's name, in the chosen encoding. */
  async exportFile(encoding: HhuEncoding): Promise<void> {
    try {
      const file = await api.exportHhuFile(this.id, encoding);
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: `text/csv;charset=${file.encoding}` }));
      const link = Object.assign(document.createElement('a'), { href: url, download: file.fileName });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (err) {
      reportError(err);
    }
  }

  async importFile(file: File): Promise<void> {
    this.importing = true;
    this.report = null;
    try {
      this.report = await api.importHhuFile(this.id, file.name, new Uint8Array(await file.arrayBuffer()));
      await this.load();
    } catch (err) {
      reportError(err);
    } finally {
      this.importing = false;
    }
  }

  async close(): Promise<boolean> {
    try {
      this.closed = await api.closeReadingCycle(this.id);
      await this.load();
      return true;
    } catch (err) {
      reportError(err);
      return false;
    }
  }
}
