import type { ImportMode, ImportReport } from '@gasdesk/schema';
import { api } from '../../lib/api.ts';
import { reportError } from '../../lib/errors.ts';

/** What the import page asks the server: a dry run, or a real import in one of the two modes. */
export type ImportAction = 'dry_run' | ImportMode;

/**
 * The file the clerk chose, as bytes (so the server can tell UTF-8 from GBK), and the report of
 * the last run on it. Choosing another file drops the old report.
 */
export class ImportRun {
  fileName = $state<string | null>(null);
  fileSize = $state(0);
  bytes = $state.raw<Uint8Array<ArrayBuffer> | null>(null);
  busy = $state<ImportAction | null>(null);
  report = $state.raw<ImportReport | null>(null);
  /** The action the report answers. */
  reportOf = $state<ImportAction | null>(null);

  async choose(file: File | null): Promise<void> {
    this.report = null;
    this.reportOf = null;
    if (!file) {
      this.fileName = null;
      this.bytes = null;
      return;
    }
    this.fileName = file.name;
    this.fileSize = file.size;
    this.bytes = new Uint8Array(await file.arrayBuffer());
  }

  async run(action: ImportAction): Promise<void> {
    if (!this.bytes || this.busy) return;
    this.busy = action;
    try {
      // A dry run asks as for the valid rows, so its report counts both what would be written and what would not.
      this.report = await api.importRegistry(this.bytes, action === 'dry_run' ? 'valid' : action, action === 'dry_run');
      this.reportOf = action;
    } catch (err) {
      reportError(err);
    } finally {
      this.busy = null;
    }
  }
}

/** Downloads the server's sample file under its own name. */
export async function downloadSample(): Promise<void> {
  try {
    const { fileName, csv } = await api.importSample();
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  } catch (err) {
    reportError(err);
  }
}
