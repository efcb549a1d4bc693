import type { ImportEncoding } from '@gasdesk/schema';

export type Decoded = { ok: true; encoding: ImportEncoding; text: string } | { ok: false; line: number; reason: string };

const LF = 0x0a;

/**
 * Reads the bytes of a CSV file as text. Legacy Chinese systems export GBK (GB18030 is its
 * superset and Node decodes it natively); newer ones and Excel's "CSV UTF-8" write UTF-8, often
 * with a byte-order mark. UTF-8 is tried first because Chinese UTF-8 text also happens to be valid
 * GB18030, as mojibake, while GBK text is almost never valid UTF-8.
 */
export function decodeCsv(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, line: 1, reason: 'the file is UTF-16 ("Unicode text"); save it as CSV UTF-8 or as CSV in GBK' };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const utf8 = decodeOrNull('utf-8', body);
  if (utf8 !== null) return { ok: true, encoding: bom ? 'utf-8-bom' : 'utf-8', text: utf8 };
  const gb = bom ? null : decodeOrNull('gb18030', body);
  if (gb !== null) return { ok: true, encoding: 'gb18030', text: gb };
  return { ok: false, line: firstUndecodableLine(body, bom), reason: 'neither UTF-8 nor GBK/GB18030 text; save the file as CSV UTF-8 or as CSV in GBK' };
}

function decodeOrNull(encoding: 'utf-8' | 'gb18030', bytes: Uint8Array): string | null {
  try {
    // The mark was looked at (and cut off) by the caller; here it would only be dropped silently.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The line where the file stops being readable. Each encoding is followed as far as it goes and
 * the one that goes further is believed: in a UTF-8 file with one Latin-1 line, that line is
 * named, not the first Chinese line that GB18030 happens to reject. A newline byte is a newline in
 * both encodings (GBK's second bytes are never below 0x40), so lines can be cut from the bytes.
 */
function firstUndecodableLine(bytes: Uint8Array, bom: boolean): number {
  const encodings: ('utf-8' | 'gb18030')[] = bom ? ['utf-8'] : ['utf-8', 'gb18030'];
  let furthest = 1;
  for (const encoding of encodings) {
    let line = 1;
    for (let start = 0; start <= bytes.length; line += 1) {
      const end = bytes.indexOf(LF, start);
      const stop = end === -1 ? bytes.length : end;
      if (decodeOrNull(encoding, bytes.subarray(start, stop)) === null) break;
      start = stop + 1;
    }
    furthest = Math.max(furthest, line);
  }
  return furthest;
}

export interface CsvRecord {
  /** The 1-based line of the file the record starts on. */
  line: number;
  cells: string[];
}

export type CsvRecords = { ok: true; records: CsvRecord[] } | { ok: false; line: number; reason: string };

/**
 * Splits CSV text (RFC 4180, as Excel and legacy systems write it) into records: comma-separated
 * cells, double quotes around cells that hold commas, quotes or line breaks, `""` for a quote
 * inside quotes, and CRLF, LF or CR line ends. A quoted cell may span lines; its record keeps the
 * line it started on. Lines with no cells at all are dropped.
 */
export function csvRecords(text: string): CsvRecords {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      quoteLine = line;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += ch;
    }
  }
  if (quoted) return { ok: false, line: quoteLine, reason: 'a quoted cell is never closed (a " is missing)' };
  endRecord();
  return { ok: true, records };
}

/** One CSV line (RFC 4180): a cell with a comma, quote or line break is quoted, its quotes doubled. */
export function csvLine(cells: readonly (string | number | null)[]): string {
  return cells
    .map((cell) => {
      const text = cell === null ? '' : String(cell);
      return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(',');
}
