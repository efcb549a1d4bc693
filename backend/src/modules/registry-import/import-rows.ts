import { z } from 'zod';
import {
  AccountOpen,
  BillDelivery,
  CustomerCreate,
  CustomerType,
  IMPORT_COLUMNS,
  IMPORT_LABELS,
  IdType,
  MeterKind,
  MeterReceiptItem,
  PhoneInput,
  PremiseCreate,
  RegisterValue,
  UserCategory,
  WarehouseCreate,
  normalizePhone,
  type ImportColumnKey,
  type ImportEncoding,
  type MeterReceiptItem as MeterReceipt,
  type PhoneLabel,
  type PhoneOptions,
} from '@gasdesk/schema';
import { csvRecords, decodeCsv } from '../../shared/csv-file.ts';
import { ImportProblems, type HeaderNames } from './import-problems.ts';

export type Cells = Record<ImportColumnKey, string>;

export interface ImportPhone {
  e164: string;
  label: PhoneLabel;
  contactName: string | null;
  column: ImportColumnKey;
}

export interface RowCustomer {
  customerNo: string | null;
  fields: CustomerCreate;
  /** Normalised and without repeats; `fields.phones` stays empty. */
  phones: ImportPhone[];
}

export interface Address {
  district: string;
  community: string;
  building: string;
  unit: string;
  room: string;
  addressExtra: string;
}

export interface RowAccount {
  accountNo: string | null;
  address: Address;
  serviceArea: string;
  category: UserCategory;
  householdSize: number;
  readingBookCode: string | null;
  billDelivery: BillDelivery;
  openedOn: string;
}

export interface RowMeter {
  item: MeterReceipt;
  /** Null for a meter in stock. */
  installReading: string | null;
  warehouseCode: string;
}

/** One data row: its cells as written (trimmed) and, when they are valid, what they describe. */
export interface ImportRow {
  line: number;
  cells: Cells;
  /** Rows of one customer (the same 客户编号 or 证件号码) share a group; null for a stock meter. */
  customerGroup: number | null;
  customer: RowCustomer | null;
  account: RowAccount | null;
  meter: RowMeter | null;
}

export interface ImportFile {
  /** Null when the bytes are not text in a known encoding. */
  encoding: ImportEncoding | null;
  rows: ImportRow[];
  problems: ImportProblems;
  /** True when the file cannot be read as rows at all (encoding, quoting, header): no row was looked at. */
  unreadable: boolean;
}

const GROUP_KEYS = {
  customer: IMPORT_COLUMNS.filter((c) => c.group === 'customer').map((c) => c.key),
  account: IMPORT_COLUMNS.filter((c) => c.group === 'account').map((c) => c.key),
  meter: IMPORT_COLUMNS.filter((c) => c.group === 'meter').map((c) => c.key),
};
/** Columns holding numbers that Excel turns into `3.30106E+17` unless the column is text. */
const IDENTIFIERS: readonly ImportColumnKey[] = ['customerNo', 'idNumber', 'mobile', 'phone', 'contactPhone', 'accountNo', 'meterSerial', 'icCardNo'];
const ADDRESS_KEYS = ['district', 'community', 'building', 'unit', 'room', 'addressExtra'] as const;

/**
 * How identifiers and addresses compare: as the database's case-insensitive collation compares
 * them, with full-width characters (typed by Chinese input methods) read as their ASCII forms.
 */
export function keyOf(value: string): string {
  return value.normalize('NFKC').toLowerCase();
}

export function addressKeyOf(a: Address): string {
  return ADDRESS_KEYS.map((k) => keyOf(a[k])).join('\u0001');
}

/**
 * Reads an import file: decodes it, checks the header against the column contract, and validates
 * each row with the API's own schemas, then across rows. Pure: the registry is not consulted here
 * (import-plan.ts does that with what the service loaded). `phone` carries the company's area code
 * for local landlines.
 */
export function readImportFile(bytes: Uint8Array, phone: PhoneOptions): ImportFile {
  const refused = (encoding: ImportEncoding | null, problems: ImportProblems): ImportFile => ({ encoding, rows: [], problems, unreadable: true });
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return refused(null, lineProblem(decoded.line, decoded.reason));
  const parsed = csvRecords(decoded.text);
  if (!parsed.ok) return refused(decoded.encoding, lineProblem(parsed.line, parsed.reason));
  const [first, ...records] = parsed.records;
  if (!first || first.line !== 1) return refused(decoded.encoding, lineProblem(1, 'the first line must be the header naming the columns'));
  const header = readHeader(first.cells);
  if (header instanceof ImportProblems) return refused(decoded.encoding, header);

  const problems = new ImportProblems(header.names);
  const rows: ImportRow[] = [];
  // Cells of a line that does not fit the header are in the wrong columns: comparing them with other rows would only add noise.
  const fitting: ImportRow[] = [];
  for (const record of records) {
    const cells = {} as Cells;
    for (const c of IMPORT_COLUMNS) cells[c.key] = cleanCell(record.cells[header.positions[c.key]] ?? '');
    if (IMPORT_COLUMNS.every((c) => cells[c.key] === '')) continue;
    const row: ImportRow = { line: record.line, cells, customerGroup: null, customer: null, account: null, meter: null };
    const extra = record.cells.slice(header.width).some((c) => c.trim() !== '');
    if (record.cells.length < header.width || extra) {
      problems.add(record.line, null, `${record.cells.length} cells where the header has ${header.width} columns (a comma or line break in a cell without quotes?)`);
    } else {
      readRow(row, phone, problems);
      fitting.push(row);
    }
    rows.push(row);
  }
  if (rows.length === 0) return refused(decoded.encoding, lineProblem(1, 'no rows under the header'));
  crossRowChecks(fitting, problems);
  return { encoding: decoded.encoding, rows, problems, unreadable: false };
}

function lineProblem(line: number, reason: string): ImportProblems {
  const problems = new ImportProblems();
  problems.add(line, null, reason);
  return problems;
}

/** Headers compare ignoring width, case, spaces, `_` and `-`: `IC卡号`, `ic卡号`, `Account No`, `account_no`. */
function headerKeyOf(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\s_-]+/g, '');
}

const HEADER_LOOKUP = new Map<string, ImportColumnKey>(IMPORT_COLUMNS.flatMap((c) => [[headerKeyOf(c.header), c.key] as const, [headerKeyOf(c.alias), c.key] as const]));

interface Header {
  names: HeaderNames;
  positions: Record<ImportColumnKey, number>;
  width: number;
}

/** The position of every contract column in the file, or the problems of a header that does not fit the contract. */
function readHeader(cells: string[]): Header | ImportProblems {
  const problems = new ImportProblems();
  const names = {} as HeaderNames;
  const positions = {} as Record<ImportColumnKey, number>;
  cells.forEach((raw, i) => {
    const text = raw.trim();
    const key = HEADER_LOOKUP.get(headerKeyOf(text));
    // Unknown and repeated columns follow the contract's columns in the report, in file order.
    const order = IMPORT_COLUMNS.length + i;
    if (text === '') problems.addField(1, '', order, `column ${i + 1} has no header`);
    else if (!key) problems.addField(1, text, order, 'unknown column');
    else if (key in positions) problems.addField(1, text, order, `the same column as "${names[key]}"`);
    else {
      names[key] = text;
      positions[key] = i;
    }
  });
  IMPORT_COLUMNS.forEach((c, i) => {
    if (!(c.key in positions)) problems.addField(1, c.header, i, 'missing column');
  });
  return problems.has(1) ? problems : { names, positions, width: cells.length };
}

/** A cell as written, trimmed; the `="0571…"` that some systems write to keep leading zeros in Excel is unwrapped. */
function cleanCell(raw: string): string {
  const text = raw.trim();
  const wrapped = /^="(.*)"$/.exec(text);
  return wrapped ? wrapped[1]!.trim() : text;
}

const CUSTOMER_COLUMNS: Record<string, ImportColumnKey> = { type: 'customerType', name: 'customerName', idType: 'idType', idNumber: 'idNumber' };
const ACCOUNT_COLUMNS: Record<string, ImportColumnKey> = {
  accountNo: 'accountNo',
  category: 'category',
  householdSize: 'householdSize',
  readingBookCode: 'readingBook',
  billDelivery: 'billDelivery',
  openedOn: 'openedOn',
  district: 'district',
  community: 'community',
  building: 'building',
  unit: 'unit',
  room: 'room',
  addressExtra: 'addressExtra',
  serviceArea: 'serviceArea',
};
const METER_COLUMNS: Record<string, ImportColumnKey> = {
  serial: 'meterSerial',
  kind: 'meterKind',
  maker: 'maker',
  model: 'model',
  registerDigits: 'registerDigits',
  maxFlow: 'maxFlow',
  hasCorrector: 'hasCorrector',
  nextVerificationDue: 'nextVerificationDue',
  icCard: 'icCardNo',
};
const AccountFields = AccountOpen.pick({ accountNo: true, category: true, householdSize: true, readingBookCode: true, billDelivery: true, openedOn: true });
const WarehouseCode = WarehouseCreate.shape.code;
const CustomerNo = z.string().max(32);
const MAX_PHONES = 10;

/** One row's cells checked with the API's schemas; what they describe is set on the row when valid. */
function readRow(row: ImportRow, phone: PhoneOptions, problems: ImportProblems): void {
  const { cells, line } = row;
  const problem = (column: ImportColumnKey | null, reason: string) => problems.add(line, column, reason);
  const filled = (keys: readonly ImportColumnKey[]) => keys.some((k) => cells[k] !== '');
  const hasCustomer = filled(GROUP_KEYS.customer);
  const hasAccount = filled(GROUP_KEYS.account);
  const hasMeter = filled(GROUP_KEYS.meter);
  for (const key of IDENTIFIERS) {
    if (/^\d+(\.\d+)?e\+?\d+$/i.test(cells[key])) problem(key, `Excel turned the number into ${cells[key]}: format the column as text before saving the file`);
  }
  if (hasAccount && !hasCustomer) problem('customerName', 'required: an account needs its customer');
  if (hasMeter && hasCustomer && !hasAccount) {
    problem('meterSerial', 'a meter is installed at an account: fill in the account, or leave the customer empty for a meter in stock');
  }
  if (hasCustomer && !hasAccount && cells.customerNo === '' && cells.idNumber === '') {
    problem('customerNo', `a customer without an account needs ${problems.nameOf('customerNo')} or ${problems.nameOf('idNumber')}, so that importing the file again finds it`);
  }
  const customer = hasCustomer ? readCustomer(cells, phone, problem, problems) : null;
  const account = hasAccount ? readAccount(cells, problem) : null;
  const meter = hasMeter ? readMeter(cells, hasAccount, problem) : null;
  if (!problems.has(line)) Object.assign(row, { customer, account, meter });
}

type Problem = (column: ImportColumnKey | null, reason: string) => void;

function readCustomer(cells: Cells, phone: PhoneOptions, problem: Problem, problems: ImportProblems): RowCustomer | null {
  required(cells, ['customerName', 'customerType'], problem);
  const customerNo = identifier(cells.customerNo);
  if (!CustomerNo.safeParse(customerNo).success) problem('customerNo', 'at most 32 characters');
  const parsed = CustomerCreate.safeParse({
    type: labelOf(cells, 'customerType', IMPORT_LABELS.customerType, CustomerType.options, problem),
    name: cells.customerName,
    idType: cells.idType === '' ? null : labelOf(cells, 'idType', IMPORT_LABELS.idType, IdType.options, problem),
    idNumber: cells.idNumber === '' ? null : identifier(cells.idNumber),
  });
  reportIssues(parsed, CUSTOMER_COLUMNS, problem);
  if (cells.contactPhone === '' && cells.contactName !== '') problem('contactPhone', `required with ${problems.nameOf('contactName')}`);
  if (cells.contactPhone !== '' && cells.contactName === '') problem('contactName', `required with ${problems.nameOf('contactPhone')}`);
  const landline: PhoneLabel = parsed.success && parsed.data.type !== 'residential' ? 'work' : 'home';
  const phones = [
    ...phonesOf(cells, 'mobile', null, landline, phone, problem),
    ...phonesOf(cells, 'phone', null, landline, phone, problem),
    ...phonesOf(cells, 'contactPhone', cells.contactName || null, landline, phone, problem),
  ];
  const unique = phones.filter((p, i) => phones.findIndex((q) => q.e164 === p.e164) === i);
  if (unique.length > MAX_PHONES) problem('mobile', `at most ${MAX_PHONES} phone numbers for one customer`);
  return parsed.success ? { customerNo: customerNo || null, fields: parsed.data, phones: unique } : null;
}

/**
 * The numbers of one phone cell. Legacy systems keep several in one cell (`13812345678/0571-87010001`);
 * the label follows what the number is, so a landline typed under 手机 is not called a mobile, and
 * an organisation's landline is a work phone.
 */
function phonesOf(cells: Cells, column: ImportColumnKey, contactName: string | null, landline: PhoneLabel, options: PhoneOptions, problem: Problem): ImportPhone[] {
  const phones: ImportPhone[] = [];
  for (const written of cells[column].split(/[/／;；、]/).map((s) => s.trim()).filter((s) => s !== '')) {
    const normalized = PhoneInput.safeParse(written).success ? normalizePhone(written, options) : null;
    if (!normalized) {
      problem(column, `"${written}" is not a phone number`);
      continue;
    }
    phones.push({ e164: normalized.e164, label: normalized.kind === 'mobile' ? 'mobile' : landline, contactName, column });
  }
  return phones;
}

function readAccount(cells: Cells, problem: Problem): RowAccount | null {
  required(cells, ['district', 'community', 'category', 'openedOn'], problem);
  const fields = AccountFields.safeParse({
    accountNo: identifier(cells.accountNo) || undefined,
    category: labelOf(cells, 'category', IMPORT_LABELS.category, UserCategory.options, problem),
    householdSize: cells.householdSize === '' ? undefined : wholeNumber(cells, 'householdSize', problem),
    readingBookCode: cells.readingBook || null,
    billDelivery: cells.billDelivery === '' ? undefined : labelOf(cells, 'billDelivery', IMPORT_LABELS.billDelivery, BillDelivery.options, problem),
    openedOn: dateOf(cells.openedOn),
  });
  const premise = PremiseCreate.safeParse({
    district: cells.district,
    community: cells.community,
    building: cells.building,
    unit: cells.unit,
    room: cells.room,
    addressExtra: cells.addressExtra,
    serviceArea: cells.serviceArea,
    phone: null,
  });
  reportIssues(fields, ACCOUNT_COLUMNS, problem);
  reportIssues(premise, ACCOUNT_COLUMNS, problem);
  if (!fields.success || !premise.success) return null;
  const { accountNo, ...rest } = fields.data;
  const { serviceArea, phone: _noPhone, ...address } = premise.data;
  return { accountNo: accountNo ?? null, address, serviceArea, ...rest };
}

function readMeter(cells: Cells, atAccount: boolean, problem: Problem): RowMeter | null {
  required(cells, ['meterSerial', 'meterKind', 'maker', 'model', 'maxFlow', 'warehouse', ...(atAccount ? (['installReading'] as const) : [])], problem);
  if (!atAccount && cells.installReading !== '') problem('installReading', 'a meter in stock has no install reading');
  const cardNo = identifier(cells.icCardNo);
  if (cardNo === '' && cells.icCardMaker !== '') problem('icCardNo', 'required with the card maker');
  const item = MeterReceiptItem.safeParse({
    serial: identifier(cells.meterSerial),
    kind: labelOf(cells, 'meterKind', IMPORT_LABELS.meterKind, MeterKind.options, problem),
    maker: cells.maker,
    model: cells.model,
    registerDigits: cells.registerDigits === '' ? undefined : wholeNumber(cells, 'registerDigits', problem),
    maxFlow: cells.maxFlow.normalize('NFKC'),
    hasCorrector: cells.hasCorrector === '' ? undefined : yesNo(cells, 'hasCorrector', problem),
    manufacturedOn: null,
    nextVerificationDue: cells.nextVerificationDue === '' ? null : dateOf(cells.nextVerificationDue),
    // The card system is nearly always the meter maker's own, so legacy exports seldom name it.
    icCard: cardNo === '' ? null : { cardNo, maker: cells.icCardMaker || cells.maker },
  });
  reportIssues(item, METER_COLUMNS, problem, (path) => (path[0] === 'icCard' && path[1] === 'maker' ? 'icCardMaker' : undefined));
  const reading = atAccount ? RegisterValue.safeParse(cells.installReading.normalize('NFKC')) : null;
  if (reading) reportIssues(reading, { '': 'installReading' }, problem);
  const warehouse = WarehouseCode.safeParse(cells.warehouse);
  reportIssues(warehouse, { '': 'warehouse' }, problem);
  if (!item.success || (reading && !reading.success) || !warehouse.success) return null;
  return { item: item.data, installReading: reading?.data ?? null, warehouseCode: warehouse.data };
}

function required(cells: Cells, columns: readonly ImportColumnKey[], problem: Problem): void {
  for (const c of columns) if (cells[c] === '') problem(c, 'required');
}

/** Each zod issue on the column its path names (`columns` maps the first path segment; '' is the value itself). */
function reportIssues(
  result: z.ZodSafeParseResult<unknown>,
  columns: Record<string, ImportColumnKey>,
  problem: Problem,
  special: (path: PropertyKey[]) => ImportColumnKey | undefined = () => undefined,
): void {
  if (result.success) return;
  for (const issue of result.error.issues) {
    const column = special(issue.path) ?? columns[String(issue.path[0] ?? '')];
    problem(column ?? null, issue.message);
  }
}

/** Identifiers in ASCII: full-width digits and letters from Chinese input methods are folded. */
function identifier(cell: string): string {
  return cell.normalize('NFKC').trim();
}

const LABEL_LOOKUPS = new Map<object, Map<string, string>>();

/** Chinese labels and the identifiers themselves, by their comparison key. */
function lookupOf(labels: Readonly<Record<string, string>>, values: readonly string[]): Map<string, string> {
  let lookup = LABEL_LOOKUPS.get(labels);
  if (!lookup) {
    lookup = new Map([...Object.entries(labels).map(([label, value]) => [keyOf(label), value] as const), ...values.map((v) => [keyOf(v), v] as const)]);
    LABEL_LOOKUPS.set(labels, lookup);
  }
  return lookup;
}

/** The identifier of a Chinese label (居民) or of the identifier itself (residential); null after reporting an unknown one. */
function labelOf<T extends string>(cells: Cells, column: ImportColumnKey, labels: Readonly<Record<string, T>>, values: readonly T[], problem: Problem): T | null {
  const value = lookupOf(labels, values).get(keyOf(cells[column]));
  if (value === undefined) {
    if (cells[column] !== '') problem(column, `not one of ${Object.keys(labels).join(', ')}`);
    return null;
  }
  return value as T;
}

function wholeNumber(cells: Cells, column: ImportColumnKey, problem: Problem): number | null {
  const text = cells[column].normalize('NFKC');
  // Spreadsheets write whole numbers as `3.0` once a column has been numeric.
  if (/^\d+(\.0+)?$/.test(text)) return Number.parseInt(text, 10);
  problem(column, 'a whole number such as 3');
  return null;
}

const YES = new Set(['是', '有', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', '无', 'n', 'no', 'false', '0']);

function yesNo(cells: Cells, column: ImportColumnKey, problem: Problem): boolean | null {
  const text = keyOf(cells[column]);
  if (YES.has(text)) return true;
  if (NO.has(text)) return false;
  problem(column, '是 or 否');
  return null;
}

/**
 * A date as legacy systems and spreadsheets write it (`2019-03-05`, `2019/3/5`, `2019.3.5`,
 * `2019年3月5日`, `20190305`, with or without a time of `0:00`) in the API's form. Anything else is
 * passed on unchanged for the schema to refuse.
 */
export function dateOf(cell: string): string {
  const text = cell.normalize('NFKC').trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, '');
  const parts = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!parts) return text;
  const [, y, m, d] = parts as unknown as [string, string, string, string];
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/**
 * Checks between rows: an account number, a meter serial or an address on two rows, and rows of
 * one customer (the same 客户编号 or 证件号码) that disagree about who the customer is. Every row
 * involved is marked, since the file does not say which of them is right.
 */
function crossRowChecks(rows: ImportRow[], problems: ImportProblems): void {
  const accountRows = rows.filter((r) => GROUP_KEYS.account.some((k) => r.cells[k] !== ''));
  repeated(accountRows, (r) => r.cells.accountNo && keyOf(r.cells.accountNo), 'accountNo', (lines) => `also on line ${lines}`, problems);
  repeated(rows, (r) => r.cells.meterSerial && keyOf(r.cells.meterSerial), 'meterSerial', (lines) => `also on line ${lines}: a meter is at one place`, problems);
  repeated(accountRows, (r) => addressKeyOf(r.cells), 'community', (lines) => `the same address is on line ${lines}: one premise has one active account`, problems);
  customerGroups(rows, problems);
}

function repeated(rows: ImportRow[], keyOfRow: (r: ImportRow) => string, column: ImportColumnKey, reason: (lines: string) => string, problems: ImportProblems): void {
  const lines = new Map<string, number[]>();
  for (const r of rows) {
    const key = keyOfRow(r);
    if (!key) continue;
    const same = lines.get(key);
    if (same) same.push(r.line);
    else lines.set(key, [r.line]);
  }
  for (const same of lines.values()) {
    if (same.length < 2) continue;
    for (const line of same) problems.add(line, column, reason(same.filter((l) => l !== line).join(', ')));
  }
}

const CUSTOMER_IDENTITY: readonly ImportColumnKey[] = ['customerNo', 'customerName', 'customerType', 'idType', 'idNumber'];

/** Joins rows that share a customer number or an ID number into one customer, and checks they agree. */
function customerGroups(rows: ImportRow[], problems: ImportProblems): void {
  const parent = rows.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const firstWith = new Map<string, number>();
  rows.forEach((r, i) => {
    if (!GROUP_KEYS.customer.some((k) => r.cells[k] !== '')) return;
    r.customerGroup = i;
    for (const key of [r.cells.customerNo && `no:${keyOf(r.cells.customerNo)}`, r.cells.idNumber && `id:${keyOf(r.cells.idNumber)}`]) {
      if (!key) continue;
      const j = firstWith.get(key);
      if (j === undefined) firstWith.set(key, i);
      else parent[root(i)] = root(j);
    }
  });
  const firstOfGroup = new Map<number, ImportRow>();
  rows.forEach((r, i) => {
    if (r.customerGroup === null) return;
    const group = root(i);
    r.customerGroup = group;
    const first = firstOfGroup.get(group);
    if (!first) {
      firstOfGroup.set(group, r);
      return;
    }
    const link = sameKey(first, r, 'customerNo') ? 'customerNo' : sameKey(first, r, 'idNumber') ? 'idNumber' : null;
    const reason = `differs from line ${first.line}, ${link ? `which has the same ${problems.nameOf(link)}` : 'the same customer'}`;
    for (const column of CUSTOMER_IDENTITY) {
      if (comparable(first.cells, column) !== comparable(r.cells, column)) problems.add(r.line, column, reason);
    }
  });
}

function sameKey(a: ImportRow, b: ImportRow, column: ImportColumnKey): boolean {
  return a.cells[column] !== '' && keyOf(a.cells[column]) === keyOf(b.cells[column]);
}

/** A cell as its meaning: 居民 and residential are the same customer type. */
function comparable(cells: Cells, column: ImportColumnKey): string {
  const key = keyOf(cells[column]);
  if (column === 'customerType') return lookupOf(IMPORT_LABELS.customerType, CustomerType.options).get(key) ?? key;
  if (column === 'idType') return lookupOf(IMPORT_LABELS.idType, IdType.options).get(key) ?? key;
  return key;
}
