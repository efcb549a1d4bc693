import { instantOf } from '@gasdesk/schema';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { HhuEncoding, ReadingFaultCode } from '@gasdesk/schema';
import { csvLine, csvRecords, decodeCsv, type CsvRecord } from '../../../shared/csv-file.ts';

/** The format's name and version, on the file's first line. */
export const HHU_FORMAT = 'GasDesk HHU';
export const HHU_VERSION = '1';

/** The columns, in the order the file has them; the handheld fills the last four. */
export const HHU_COLUMNS = ['序号', '任务号', '户号', '表号', '地址', '上次读数', '上次抄表日期', '本次读数', '抄表时间', '故障代码', '备注'] as const;

/** Fault codes as handhelds write them: the code itself or its Chinese label. */
const FAULTS: Readonly<Record<string, ReadingFaultCode>> = {
  no_access: 'no_access',
  meter_damaged: 'meter_damaged',
  dial_unreadable: 'dial_unreadable',
  无法入户: 'no_access',
  表具损坏: 'meter_damaged',
  表盘不清: 'dial_unreadable',
};

export interface HhuExport {
  companyCode: string;
  book: { code: string; name: string };
  period: string;
  readerName: string | null;
  exportedAt: Date;
  tasks: readonly { sequence: number; taskId: number; accountNo: string; meterSerial: string; address: string; previousValue: string | null; previousReadOn: string | null }[];
}

/**
 * A cycle's expected readings as a file for the handheld: `#` lines naming the format, company,
 * book, cycle, reader, time and row count, then a checksum over what the office wrote into each
 * row (task, meter, account, previous reading), so that a file edited in those columns or cut
 * short is refused; then the column row and one row per meter in route order. UTF-8 gets a
 * byte-order mark so that Excel opens it as such; GBK is for older handhelds.
 */
export function writeHhuFile(file: HhuExport, encoding: HhuEncoding): Uint8Array {
  const rows = file.tasks.map((t) => [t.sequence, t.taskId, t.accountNo, t.meterSerial, t.address, t.previousValue, t.previousReadOn, null, null, null, null]);
  const lines = [
    csvLine([`#${HHU_FORMAT}`, HHU_VERSION]),
    csvLine(['#company', file.companyCode]),
    csvLine(['#book', file.book.code, file.book.name]),
    csvLine(['#cycle', file.period]),
    csvLine(['#reader', file.readerName]),
    csvLine(['#exported', file.exportedAt.toISOString()]),
    csvLine(['#rows', file.tasks.length]),
    csvLine(['#checksum', checksum(file.tasks.map((t) => [String(t.taskId), t.meterSerial, t.accountNo, t.previousValue ?? '', t.previousReadOn ?? '']))]),
    csvLine(HHU_COLUMNS),
    ...rows.map(csvLine),
  ];
  const text = `${lines.join('\r\n')}\r\n`;
  return encoding === 'gbk' ? new Uint8Array(iconv.encode(text, 'gbk')) : new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
}

/** One row the handheld filled in (or left empty: the reader did not get there). */
export interface HhuRow {
  line: number;
  taskId: number;
  meterSerial: string;
  value: string | null;
  readAt: Date | null;
  faultCode: ReadingFaultCode | null;
  note: string;
  problems: string[];
}

export type HhuFileResult =
  | { ok: true; sha256: string; rows: HhuRow[] }
  | { ok: false; sha256: string; line: number; reason: string };

/**
 * Reads a handheld's result file for the cycle expected: refuses the whole file when it is not
 * one of ours, is for another company, book or cycle, or its exported columns or row count were
 * changed; otherwise returns each row with what the reader entered and any problem with it.
 * Times are the handheld's wall clock in the company's zone.
 */
export function readHhuFile(bytes: Uint8Array, expected: { companyCode: string; bookCode: string; period: string; timeZone: string }): HhuFileResult {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const refuse = (line: number, reason: string): HhuFileResult => ({ ok: false, sha256, line, reason });
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return refuse(decoded.line, decoded.reason);
  const parsed = csvRecords(decoded.text);
  if (!parsed.ok) return refuse(parsed.line, parsed.reason);
  const header = new Map<string, CsvRecord>();
  let at = 0;
  for (; at < parsed.records.length && parsed.records[at]!.cells[0]!.startsWith('#'); at += 1) header.set(parsed.records[at]!.cells[0]!, parsed.records[at]!);
  const field = (key: string, index = 1) => header.get(key)?.cells[index]?.trim() ?? '';
  if (field(`#${HHU_FORMAT}`) !== HHU_VERSION) return refuse(1, `not a ${HHU_FORMAT} file of version ${HHU_VERSION}: export the cycle again`);
  if (field('#company') !== expected.companyCode) return refuse(header.get('#company')?.line ?? 1, `the file is for company ${field('#company') || '?'}, not ${expected.companyCode}`);
  if (field('#book') !== expected.bookCode) return refuse(header.get('#book')?.line ?? 1, `the file is for reading book ${field('#book') || '?'}, not ${expected.bookCode}`);
  if (field('#cycle') !== expected.period) return refuse(header.get('#cycle')?.line ?? 1, `the file is for the ${field('#cycle') || '?'} cycle, not ${expected.period}`);
  const columns = parsed.records[at];
  if (!columns || HHU_COLUMNS.some((name, i) => columns.cells[i]?.trim() !== name)) return refuse(columns?.line ?? 1, `the column row must read ${HHU_COLUMNS.join(',')}`);
  const data = parsed.records.slice(at + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (String(data.length) !== field('#rows')) return refuse(header.get('#rows')?.line ?? 1, `the file says ${field('#rows')} rows but has ${data.length}: it was cut short or rows were added`);
  const cell = (r: CsvRecord, name: (typeof HHU_COLUMNS)[number]) => (r.cells[HHU_COLUMNS.indexOf(name)] ?? '').trim();
  const sum = checksum(data.map((r) => [cell(r, '任务号'), cell(r, '表号'), cell(r, '户号'), cell(r, '上次读数'), cell(r, '上次抄表日期')]));
  if (sum !== field('#checksum')) return refuse(header.get('#checksum')?.line ?? 1, 'the rows exported by the office were changed (checksum mismatch): only the last four columns may be filled in');
  return { ok: true, sha256, rows: data.map((r) => readRow(r, cell, expected.timeZone)) };
}

function readRow(r: CsvRecord, cell: (r: CsvRecord, name: (typeof HHU_COLUMNS)[number]) => string, timeZone: string): HhuRow {
  const problems: string[] = [];
  const rawValue = cell(r, '本次读数');
  const rawTime = cell(r, '抄表时间');
  const rawFault = cell(r, '故障代码');
  let value: string | null = null;
  if (rawValue !== '') {
    if (/^\d{1,11}(\.\d{1,3})?$/.test(rawValue)) value = rawValue;
    else problems.push(`reading "${rawValue}" is not a register value in m³ with at most 3 decimals`);
  }
  let readAt: Date | null = null;
  if (rawTime !== '') {
    readAt = instantOf(rawTime, timeZone);
    if (!readAt) problems.push(`read time "${rawTime}" is not written YYYY-MM-DD HH:mm`);
  }
  let faultCode: ReadingFaultCode | null = null;
  if (rawFault !== '') {
    faultCode = FAULTS[rawFault] ?? null;
    if (!faultCode) problems.push(`fault code "${rawFault}" is not one of ${Object.keys(FAULTS).join(', ')}`);
  }
  if (value !== null && faultCode !== null) problems.push('a reading and a fault code: give one or the other');
  return { line: r.line, taskId: Number(cell(r, '任务号')), meterSerial: cell(r, '表号'), value, readAt, faultCode, note: cell(r, '备注').slice(0, 200), problems };
}

function checksum(rows: readonly string[][]): string {
  return createHash('sha256')
    .update(rows.map((r) => r.join('|')).join('\n'))
    .digest('hex');
}
