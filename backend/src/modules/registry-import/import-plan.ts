import { Decimal } from 'decimal.js';
import {
  IMPORT_LABELS,
  type AccountStatus,
  type BillDelivery,
  type CustomerCreate,
  type CustomerStatus,
  type CustomerType,
  type IdType,
  type ImportColumnKey,
  type ImportCounts,
  type MeterKind,
  type MeterReceiptItem,
  type MeterStatus,
  type UserCategory,
} from '@gasdesk/schema';
import type { ImportProblems } from './import-problems.ts';
import { addressKeyOf, keyOf, type Address, type ImportFile, type ImportPhone, type ImportRow, type RowAccount, type RowCustomer, type RowMeter } from './import-rows.ts';

/*
 * What the registry already holds about the file's rows, loaded by the service, and the pure
 * decision of what each row creates, matches or contradicts.
 */

export interface RegisteredCustomer {
  id: number;
  customerNo: string;
  type: CustomerType;
  status: CustomerStatus;
  name: string;
  idType: IdType | null;
  idNumber: string | null;
  /** E.164. */
  phones: string[];
}

export interface RegisteredPremise extends Address {
  id: number;
  serviceArea: string;
  fullAddress: string;
}

export interface RegisteredAccount {
  id: number;
  accountNo: string;
  customerId: number;
  premiseId: number;
  category: UserCategory;
  householdSize: number;
  readingBookCode: string | null;
  billDelivery: BillDelivery;
  status: AccountStatus;
  openedOn: string;
}

export interface RegisteredMeter {
  id: number;
  serial: string;
  kind: MeterKind;
  maker: string;
  model: string;
  registerDigits: number;
  maxFlow: string;
  hasCorrector: boolean;
  status: MeterStatus;
  accountId: number | null;
  /** The number of the account the meter is installed at. */
  accountNo: string | null;
  warehouseId: number | null;
  nextVerificationDue: string | null;
  icCardNo: string | null;
  icCardMaker: string | null;
  /** The install reading at its current account, for an installed meter. */
  installReading: string | null;
}

export interface RegisteredWarehouse {
  id: number;
  code: string;
}

/**
 * The registered rows the file's rows may meet: customers by number, ID number or as holders of
 * the accounts below; premises in the file's communities and of those accounts; accounts by number
 * or active at those premises; meters by serial or installed at those accounts; every warehouse.
 */
export interface Registered {
  customers: RegisteredCustomer[];
  premises: RegisteredPremise[];
  accounts: RegisteredAccount[];
  meters: RegisteredMeter[];
  warehouses: RegisteredWarehouse[];
}

/** What the service must look up for a file: the identifiers of its readable rows. */
export interface RegistryKeys {
  customerNos: string[];
  idNumbers: string[];
  accountNos: string[];
  /** `[district, community]` pairs; premises are fetched a community at a time and matched whole here. */
  communities: [string, string][];
  serials: string[];
}

export function registryKeys(file: ImportFile): RegistryKeys {
  const keys = { customerNos: new Set<string>(), idNumbers: new Set<string>(), accountNos: new Set<string>(), communities: new Map<string, [string, string]>(), serials: new Set<string>() };
  for (const row of file.rows) {
    if (row.customer?.customerNo) keys.customerNos.add(row.customer.customerNo);
    if (row.customer?.fields.idNumber) keys.idNumbers.add(row.customer.fields.idNumber);
    if (row.account?.accountNo) keys.accountNos.add(row.account.accountNo);
    if (row.account) keys.communities.set(`${keyOf(row.account.address.district)}\u0001${keyOf(row.account.address.community)}`, [row.account.address.district, row.account.address.community]);
    if (row.meter) keys.serials.add(row.meter.item.serial);
  }
  return {
    customerNos: [...keys.customerNos],
    idNumbers: [...keys.idNumbers],
    accountNos: [...keys.accountNos],
    communities: [...keys.communities.values()],
    serials: [...keys.serials],
  };
}

/** A registered row by id, or one the import creates. */
export type Ref<T> = { id: number } | { created: T };

export interface NewCustomer {
  /** Null: the company's next number is given. */
  customerNo: string | null;
  fields: CustomerCreate;
  phones: ImportPhone[];
  /** Formal when one of its rows opens an account; potential otherwise. */
  formal: boolean;
}

export interface NewPremise {
  address: Address;
  serviceArea: string;
}

export interface NewAccount {
  /** Null: the company's next number is given. */
  accountNo: string | null;
  customer: Ref<NewCustomer>;
  premise: Ref<NewPremise>;
  category: UserCategory;
  householdSize: number;
  readingBookCode: string | null;
  billDelivery: BillDelivery;
  openedOn: string;
}

/** A meter installed at a new account on the day it opened, with its install reading. */
export interface Installation {
  account: NewAccount;
  reading: string;
  on: string;
}

export interface NewMeter {
  item: MeterReceiptItem;
  /** Where it is received: its place for a stock meter, the warehouse it is issued from for an installed one. */
  warehouseId: number;
  installation: Installation | null;
}

/** A registered meter in stock that the import installs at a new account. */
export interface StockInstallation extends Installation {
  meterId: number;
  warehouseId: number;
}

export interface ImportPlan {
  customers: NewCustomer[];
  /** Registered potential customers that get their first account. */
  formalCustomerIds: number[];
  premises: NewPremise[];
  accounts: NewAccount[];
  meters: NewMeter[];
  stockInstallations: StockInstallation[];
}

export interface PlannedImport {
  /** The writes of the valid rows only. */
  plan: ImportPlan;
  rows: number;
  valid: number;
  invalid: number;
  unchanged: number;
  created: ImportCounts;
}

interface Decision {
  customer: Ref<NewCustomer> | null;
  premise: Ref<NewPremise> | null;
  account: Ref<NewAccount> | null;
  meter: NewMeter | StockInstallation | 'registered' | null;
  /** A registered potential customer that this row's new account makes formal. */
  formalizes: number | null;
}

const DIFFERS = 'differs from the registered value';

/** The reason for a value that differs, showing the registered one when it is not personal data. */
function differsFrom(shown?: string): string {
  if (shown === undefined) return DIFFERS;
  return `${DIFFERS} (${shown === '' ? 'empty' : shown})`;
}

/**
 * Decides, row by row, what the valid rows create and which registered rows they are, reporting
 * every row that contradicts the registry. A registered value is never overwritten: a row that
 * disagrees with it is a problem. Rows of one customer stand or fall together, so that a customer
 * is never created from some of its rows only (its phones are the union of its rows').
 */
export function planImport(file: ImportFile, registered: Registered): PlannedImport {
  const { problems } = file;
  // Rows the reading already refused are left out; rows that only contradict the registry are decided in full, so that every difference is reported at once.
  const unread = new Set(file.rows.filter((r) => problems.has(r.line)).map((r) => r.line));
  const index = new RegistryIndex(registered);
  const groups = new Map<number, ImportRow[]>();
  for (const row of file.rows) {
    if (row.customerGroup === null) continue;
    const group = groups.get(row.customerGroup);
    if (group) group.push(row);
    else groups.set(row.customerGroup, [row]);
  }
  const groupCustomers = new Map<number, Ref<NewCustomer> | 'by_account'>();
  for (const [group, rows] of groups) {
    if (rows.some((r) => unread.has(r.line))) continue;
    groupCustomers.set(group, customerOfGroup(rows, index, problems));
  }

  const decisions = new Map<ImportRow, Decision>();
  for (const row of file.rows) {
    const known = row.customerGroup === null ? null : groupCustomers.get(row.customerGroup);
    // A row whose customer could not be decided falls with its group below.
    if (unread.has(row.line) || known === undefined) continue;
    decisions.set(row, decide(row, known, index, problems));
  }

  for (const rows of groups.values()) {
    const broken = rows.find((r) => problems.has(r.line));
    if (!broken) continue;
    for (const r of rows) {
      if (!problems.has(r.line)) problems.add(r.line, identifyingColumn(r), `not imported: line ${broken.line} of the same customer has problems`);
    }
  }

  const valid = file.rows.filter((r) => !problems.has(r.line)).map((r) => decisions.get(r)!);
  return summarize(valid, file.rows.length);
}

function summarize(valid: Decision[], rows: number): PlannedImport {
  const customers = new Set<NewCustomer>();
  const plan: ImportPlan = { customers: [], formalCustomerIds: [], premises: [], accounts: [], meters: [], stockInstallations: [] };
  let unchanged = 0;
  for (const d of valid) {
    let creates = false;
    if (d.customer && 'created' in d.customer) {
      customers.add(d.customer.created);
      creates = true;
    }
    if (d.premise && 'created' in d.premise) {
      plan.premises.push(d.premise.created);
      creates = true;
    }
    if (d.account && 'created' in d.account) {
      plan.accounts.push(d.account.created);
      creates = true;
    }
    if (d.meter && d.meter !== 'registered') {
      if ('meterId' in d.meter) plan.stockInstallations.push(d.meter);
      else plan.meters.push(d.meter);
      creates = true;
    }
    if (d.formalizes !== null) plan.formalCustomerIds.push(d.formalizes);
    if (!creates) unchanged += 1;
  }
  plan.customers = [...customers];
  plan.formalCustomerIds = [...new Set(plan.formalCustomerIds)];
  return {
    plan,
    rows,
    valid: valid.length,
    invalid: rows - valid.length,
    unchanged,
    created: { customers: plan.customers.length, premises: plan.premises.length, accounts: plan.accounts.length, meters: plan.meters.length },
  };
}

class RegistryIndex {
  readonly customerByNo = new Map<string, RegisteredCustomer>();
  readonly customerByIdNumber = new Map<string, RegisteredCustomer>();
  readonly customerById = new Map<number, RegisteredCustomer>();
  readonly premiseByAddress = new Map<string, RegisteredPremise>();
  readonly premiseById = new Map<number, RegisteredPremise>();
  readonly accountByNo = new Map<string, RegisteredAccount>();
  readonly activeAccountAt = new Map<number, RegisteredAccount>();
  readonly meterBySerial = new Map<string, RegisteredMeter>();
  readonly meterAt = new Map<number, RegisteredMeter>();
  readonly warehouseByCode = new Map<string, RegisteredWarehouse>();
  readonly warehouseById = new Map<number, RegisteredWarehouse>();

  constructor(r: Registered) {
    for (const c of r.customers) {
      this.customerByNo.set(keyOf(c.customerNo), c);
      if (c.idNumber) this.customerByIdNumber.set(keyOf(c.idNumber), c);
      this.customerById.set(c.id, c);
    }
    for (const p of r.premises) {
      this.premiseByAddress.set(addressKeyOf(p), p);
      this.premiseById.set(p.id, p);
    }
    for (const a of r.accounts) {
      this.accountByNo.set(keyOf(a.accountNo), a);
      if (a.status === 'active') this.activeAccountAt.set(a.premiseId, a);
    }
    for (const m of r.meters) {
      this.meterBySerial.set(keyOf(m.serial), m);
      if (m.status === 'installed' && m.accountId !== null) this.meterAt.set(m.accountId, m);
    }
    for (const w of r.warehouses) {
      this.warehouseByCode.set(keyOf(w.code), w);
      this.warehouseById.set(w.id, w);
    }
  }
}

/** The column that says who a row's customer is: its number, else its ID number, else its name. */
function identifyingColumn(row: ImportRow): ImportColumnKey {
  if (row.cells.customerNo !== '') return 'customerNo';
  if (row.cells.idNumber !== '') return 'idNumber';
  return 'customerName';
}

/**
 * The customer of a group: registered (by number, else by ID number), new, or — for a row with
 * neither — the holder of the account the row turns out to be.
 */
function customerOfGroup(rows: ImportRow[], index: RegistryIndex, problems: ImportProblems): Ref<NewCustomer> | 'by_account' {
  const head = rows[0]!.customer!;
  const byNo = head.customerNo ? index.customerByNo.get(keyOf(head.customerNo)) : undefined;
  const byIdNumber = head.fields.idNumber ? index.customerByIdNumber.get(keyOf(head.fields.idNumber)) : undefined;
  if (byIdNumber && head.customerNo && byIdNumber !== byNo) {
    // The API's rule: one person, one customer record per company.
    for (const r of rows) problems.add(r.line, 'idNumber', `already registered (${byIdNumber.customerNo})`);
  }
  const registered = head.customerNo ? byNo : byIdNumber;
  if (registered) {
    for (const r of rows) compareCustomer(r, registered, problems);
    return { id: registered.id };
  }
  if (!head.customerNo && !head.fields.idNumber) return 'by_account';
  return { created: newCustomer(rows) };
}

function newCustomer(rows: ImportRow[]): NewCustomer {
  const head = rows[0]!.customer!;
  const phones = new Map<string, ImportPhone>();
  for (const r of rows) for (const p of r.customer!.phones) if (!phones.has(p.e164)) phones.set(p.e164, p);
  return { customerNo: head.customerNo, fields: head.fields, phones: [...phones.values()], formal: rows.some((r) => r.account !== null) };
}

function compareCustomer(row: ImportRow, registered: RegisteredCustomer, problems: ImportProblems): void {
  const c: RowCustomer = row.customer!;
  const differs = (column: ImportColumnKey, shown?: string) => problems.add(row.line, column, differsFrom(shown));
  if (c.fields.name !== registered.name) differs('customerName', registered.name);
  if (c.fields.type !== registered.type) differs('customerType', labelOf(IMPORT_LABELS.customerType, registered.type));
  if (c.fields.idType !== registered.idType) differs('idType', registered.idType ? labelOf(IMPORT_LABELS.idType, registered.idType) : '');
  // Personal data is not echoed: the report may be read by others than the person who imports.
  if ((c.fields.idNumber ?? '') !== (registered.idNumber ?? '')) differs('idNumber');
  for (const p of c.phones) if (!registered.phones.includes(p.e164)) differs(p.column);
}

function decide(row: ImportRow, known: Ref<NewCustomer> | 'by_account' | null, index: RegistryIndex, problems: ImportProblems): Decision {
  const problem = (column: ImportColumnKey, reason: string) => problems.add(row.line, column, reason);
  const decision: Decision = { customer: known === 'by_account' ? null : known, premise: null, account: null, meter: null, formalizes: null };
  const account = row.account;
  if (!account) {
    if (row.meter) decision.meter = stockMeter(row.meter, index, problem);
    return decision;
  }
  const premise = index.premiseByAddress.get(addressKeyOf(account.address));
  if (premise && premise.serviceArea !== account.serviceArea) problem('serviceArea', differsFrom(premise.serviceArea));
  const active = premise && index.activeAccountAt.get(premise.id);
  const byNo = account.accountNo ? index.accountByNo.get(keyOf(account.accountNo)) : undefined;
  const sameHolder = (a: RegisteredAccount) => (known === 'by_account' ? index.customerById.get(a.customerId)?.name === row.customer!.fields.name : known !== null && 'id' in known && known.id === a.customerId);
  const registered = account.accountNo ? byNo : active && sameHolder(active) ? active : undefined;
  if (registered) {
    compareAccount(row, registered, known, index, problems);
    decision.customer = { id: registered.customerId };
    decision.premise = { id: registered.premiseId };
    decision.account = { id: registered.id };
    decision.meter = row.meter ? 'registered' : null;
    return decision;
  }
  if (active) problem('community', `${premise!.fullAddress} already has active account ${active.accountNo}`);
  const customer: Ref<NewCustomer> = known === 'by_account' ? { created: newCustomer([row]) } : known!;
  if ('id' in customer) {
    const holder = index.customerById.get(customer.id)!;
    if (holder.status === 'closed') problem(identifyingColumn(row), `customer ${holder.customerNo} is closed`);
    if (holder.status === 'potential') decision.formalizes = holder.id;
  }
  const created: NewAccount = {
    accountNo: account.accountNo,
    customer,
    premise: premise ? { id: premise.id } : { created: { address: account.address, serviceArea: account.serviceArea } },
    category: account.category,
    householdSize: account.householdSize,
    readingBookCode: account.readingBookCode,
    billDelivery: account.billDelivery,
    openedOn: account.openedOn,
  };
  Object.assign(decision, { customer, premise: created.premise, account: { created } });
  if (row.meter) decision.meter = installedMeter(row.meter, created, index, problem);
  return decision;
}

/** A row that names a registered account must agree with all of it: holder, address, terms and meter. */
function compareAccount(row: ImportRow, registered: RegisteredAccount, known: Ref<NewCustomer> | 'by_account' | null, index: RegistryIndex, problems: ImportProblems): void {
  const a: RowAccount = row.account!;
  const differs = (column: ImportColumnKey, shown?: string) => problems.add(row.line, column, differsFrom(shown));
  const holder = index.customerById.get(registered.customerId)!;
  if (known === 'by_account') compareCustomer(row, holder, problems);
  else if (known === null || !('id' in known) || known.id !== holder.id) differs(identifyingColumn(row), `the account's holder is ${holder.customerNo}`);
  if (registered.status === 'closed') problems.add(row.line, 'accountNo', `account ${registered.accountNo} is closed`);
  const premise = index.premiseById.get(registered.premiseId)!;
  if (addressKeyOf(premise) !== addressKeyOf(a.address)) differs('community', premise.fullAddress);
  if (a.category !== registered.category) differs('category', labelOf(IMPORT_LABELS.category, registered.category));
  if (a.householdSize !== registered.householdSize) differs('householdSize', String(registered.householdSize));
  if ((a.readingBookCode ?? '') !== (registered.readingBookCode ?? '')) differs('readingBook', registered.readingBookCode ?? '');
  if (a.billDelivery !== registered.billDelivery) differs('billDelivery', labelOf(IMPORT_LABELS.billDelivery, registered.billDelivery));
  if (a.openedOn !== registered.openedOn) differs('openedOn', registered.openedOn);
  const meter = index.meterAt.get(registered.id);
  const m: RowMeter | null = row.meter;
  if (!m && !meter) return;
  if (!m || !meter || keyOf(m.item.serial) !== keyOf(meter.serial)) {
    differs('meterSerial', meter ? meter.serial : 'no meter installed');
    return;
  }
  compareMeter(m, meter, index, (column, shown) => differs(column, shown));
  if (!new Decimal(m.installReading!).eq(meter.installReading ?? -1)) differs('installReading', meter.installReading ?? '');
}

function compareMeter(m: RowMeter, registered: RegisteredMeter, index: RegistryIndex, differs: (column: ImportColumnKey, shown: string) => void): void {
  const item = m.item;
  if (item.kind !== registered.kind) differs('meterKind', labelOf(IMPORT_LABELS.meterKind, registered.kind));
  if (item.maker !== registered.maker) differs('maker', registered.maker);
  if (item.model !== registered.model) differs('model', registered.model);
  if (item.registerDigits !== registered.registerDigits) differs('registerDigits', String(registered.registerDigits));
  if (!new Decimal(item.maxFlow).eq(registered.maxFlow)) differs('maxFlow', new Decimal(registered.maxFlow).toString());
  if (item.hasCorrector !== registered.hasCorrector) differs('hasCorrector', registered.hasCorrector ? '是' : '否');
  if ((item.icCard?.cardNo ?? '') !== (registered.icCardNo ?? '')) differs('icCardNo', registered.icCardNo ?? '');
  else if ((item.icCard?.maker ?? '') !== (registered.icCardMaker ?? '')) differs('icCardMaker', registered.icCardMaker ?? '');
  if (item.nextVerificationDue !== registered.nextVerificationDue) differs('nextVerificationDue', registered.nextVerificationDue ?? '');
  if (registered.status === 'in_stock') {
    const warehouse = index.warehouseById.get(registered.warehouseId!);
    if (warehouse && keyOf(warehouse.code) !== keyOf(m.warehouseCode)) differs('warehouse', warehouse.code);
  }
}

type Problem = (column: ImportColumnKey, reason: string) => void;

function warehouseOf(m: RowMeter, index: RegistryIndex, problem: Problem): RegisteredWarehouse | null {
  const warehouse = index.warehouseByCode.get(keyOf(m.warehouseCode));
  if (!warehouse) problem('warehouse', `no warehouse with code ${m.warehouseCode}`);
  return warehouse ?? null;
}

/** A meter row without customer: a new meter in stock, or one already there. */
function stockMeter(m: RowMeter, index: RegistryIndex, problem: Problem): NewMeter | 'registered' | null {
  const warehouse = warehouseOf(m, index, problem);
  const registered = index.meterBySerial.get(keyOf(m.item.serial));
  if (!registered) return warehouse && { item: m.item, warehouseId: warehouse.id, installation: null };
  if (registered.status !== 'in_stock') {
    problem('meterSerial', differsFrom(`${registered.status}${registered.accountNo ? ` at account ${registered.accountNo}` : ''}`));
  } else {
    compareMeter(m, registered, index, (column, shown) => problem(column, differsFrom(shown)));
  }
  return 'registered';
}

/** The meter of a new account: a new one, received and issued, or a registered one taken from stock. */
function installedMeter(m: RowMeter, account: NewAccount, index: RegistryIndex, problem: Problem): NewMeter | StockInstallation | null {
  const warehouse = warehouseOf(m, index, problem);
  const installation = { account, reading: m.installReading!, on: account.openedOn };
  const registered = index.meterBySerial.get(keyOf(m.item.serial));
  if (!registered) return warehouse && { item: m.item, warehouseId: warehouse.id, installation };
  if (registered.status === 'installed') {
    problem('meterSerial', `already installed at account ${registered.accountNo}`);
    return null;
  }
  if (registered.status !== 'in_stock') {
    problem('meterSerial', `meter ${registered.serial} is ${registered.status}, not in stock: it cannot be installed`);
    return null;
  }
  compareMeter(m, registered, index, (column, shown) => problem(column, differsFrom(shown)));
  return { ...installation, meterId: registered.id, warehouseId: registered.warehouseId! };
}

/** The first Chinese label of an identifier, as a legacy file would write it. */
function labelOf(labels: Readonly<Record<string, string>>, value: string): string {
  return Object.entries(labels).find(([, v]) => v === value)?.[0] ?? value;
}
