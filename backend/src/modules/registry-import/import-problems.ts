import { IMPORT_COLUMNS, type ImportColumnKey, type ImportProblem } from '@gasdesk/schema';

/** The header text the file uses for each column (Chinese or the English alias, as written). */
export type HeaderNames = Record<ImportColumnKey, string>;

/** The contract's Chinese headers, for problems found before the file's own header is known. */
export const CANONICAL_HEADER = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.header])) as HeaderNames;

const COLUMN_ORDER = new Map<string, number>(IMPORT_COLUMNS.map((c, i) => [c.key, i]));

/**
 * The problems of an import by line and column, each column named as the file's header names it.
 * One reason per cell is kept, the first found: a cell that is not a date needs no second message
 * saying it is not a valid business date either.
 */
export class ImportProblems {
  private readonly byLine = new Map<number, Map<string, { order: number; reason: string }>>();

  constructor(private readonly header: HeaderNames = CANONICAL_HEADER) {}

  /** The column's header as the file writes it, for reasons that mention another column. */
  nameOf(column: ImportColumnKey): string {
    return this.header[column];
  }

  /** A problem of one cell, or of the whole line when `column` is null. */
  add(line: number, column: ImportColumnKey | null, reason: string): void {
    if (column === null) this.addField(line, '', -1, reason);
    else this.addField(line, this.header[column], COLUMN_ORDER.get(column)!, reason);
  }

  /** A problem of a field the contract may not know (an unknown header); `order` places it among the others. */
  addField(line: number, field: string, order: number, reason: string): void {
    let fields = this.byLine.get(line);
    if (!fields) {
      fields = new Map();
      this.byLine.set(line, fields);
    }
    if (!fields.has(field)) fields.set(field, { order, reason });
  }

  has(line: number, column?: ImportColumnKey): boolean {
    const fields = this.byLine.get(line);
    return column === undefined ? fields !== undefined : (fields?.has(this.header[column]) ?? false);
  }

  /** By line, then in column order. */
  list(): ImportProblem[] {
    return [...this.byLine.entries()]
      .sort(([a], [b]) => a - b)
      .flatMap(([row, fields]) =>
        [...fields.entries()].sort(([, a], [, b]) => a.order - b.order).map(([field, { reason }]) => ({ row, field, reason })),
      );
  }
}
