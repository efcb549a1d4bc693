import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'chai';
import { IMPORT_COLUMNS, type AccountDetail, type CustomerView, type ErrorBody, type ImportColumnKey, type ImportReport, type ImportSample, type MeterHistory, type SearchResult, type StockLevels, type WarehouseView } from '@gasdesk/schema';
import { app } from '../support/harness.ts';
import { Api, freshIp, type Reply } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser } from '../support/factories.ts';
import { ROOT } from '../support/processes.ts';
import { runAs, runAsSystem } from '../../backend/src/shared/request-context.ts';
import { AuditEvent } from '../../backend/src/modules/audit/audit-event.model.ts';
import { Account, AccountHolder, AccountStatusEvent } from '../../backend/src/modules/customers/account.model.ts';
import { Customer, CustomerPhone } from '../../backend/src/modules/customers/customer.model.ts';
import { Premise } from '../../backend/src/modules/customers/premise.model.ts';
import { Meter, MeterStatusEvent } from '../../backend/src/modules/meters/meter.model.ts';
import { StockMovement } from '../../backend/src/modules/meters/stock-movement.model.ts';
import { MeterReading } from '../../backend/src/modules/readings/meter-reading.model.ts';
import { SearchTerm } from '../../backend/src/modules/search/search-term.model.ts';

const SAMPLE = readFileSync(resolve(ROOT, 'backend/src/modules/registry-import/sample-import.csv'));
/** Three rows as a legacy system exports them: GBK, CRLF, no byte-order mark (made once with `iconv -f UTF-8 -t GBK`). */
const GBK_FILE = readFileSync(resolve(ROOT, 'test/fixtures/registry-import-gbk.csv'));

/** A company (account prefix T, area code 571) with a billing clerk and the two warehouses the sample file names. */
async function importDesk() {
  const company = await makeCompany();
  const clerk = await makeUser(company.id, 'billing_clerk');
  const api = await new Api(app().url).login(clerk.username, TEST_PASSWORD, freshIp());
  const warehouses: WarehouseView[] = [];
  for (const [code, name] of [['QJ-W01', '城西表库'], ['QJ-W02', '下沙表库']] as const) warehouses.push((await api.post<WarehouseView>('/api/warehouses', { code, name })).body);
  const actor = { kind: 'user' as const, userId: clerk.id, username: clerk.username, companyId: company.id, role: 'billing_clerk' as const, permissions: new Set<never>(), sessionId: 0, ip: null };
  return { company, api, warehouses, asClerk: <T>(fn: () => Promise<T>) => runAs(actor, fn) };
}

async function postCsv(api: Api, file: Uint8Array | string, query = '', contentType = 'text/csv'): Promise<Reply<ImportReport>> {
  const res = await fetch(`${api.baseUrl}/api/registry/imports${query}`, { method: 'POST', headers: { authorization: `Bearer ${api.token}`, 'content-type': contentType }, body: file });
  return { status: res.status, body: (await res.json()) as ImportReport, headers: res.headers };
}

type Row = Partial<Record<ImportColumnKey, string>>;

/** A CSV file with the contract's Chinese header and the given cells (the rest empty). */
function csvOf(rows: Row[]): string {
  const line = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
  return [line(IMPORT_COLUMNS.map((c) => c.header)), ...rows.map((r) => line(IMPORT_COLUMNS.map((c) => r[c.key] ?? '')))].join('\r\n');
}

/** A residential account with a conventional meter, numbered after `n`. */
function accountRow(n: number, cells: Row = {}): Row {
  return {
    customerNo: `KH${n}`,
    customerName: `住户${n}`,
    customerType: '居民',
    mobile: `1390000${String(n).padStart(4, '0')}`,
    accountNo: `330100${String(n).padStart(4, '0')}`,
    district: '西湖区',
    community: '翠苑一区',
    building: '3幢',
    unit: '2单元',
    room: `${n}室`,
    category: '居民一般',
    openedOn: '2020-03-01',
    meterSerial: `JK${n}`,
    meterKind: '普通表',
    maker: '金卡智能',
    model: 'G2.5',
    maxFlow: '4',
    installReading: '1.5',
    warehouse: 'QJ-W01',
    ...cells,
  };
}

const TABLES = { Customer, CustomerPhone, Premise, Account, AccountStatusEvent, AccountHolder, Meter, MeterStatusEvent, StockMovement, MeterReading, SearchTerm };

/** How many rows each registry table holds for the company. */
async function registryRows(companyId: number): Promise<Record<keyof typeof TABLES, number>> {
  const counts = {} as Record<keyof typeof TABLES, number>;
  for (const [name, model] of Object.entries(TABLES) as [keyof typeof TABLES, (typeof TABLES)[keyof typeof TABLES]][]) {
    counts[name] = await runAsSystem('test', () => (model as typeof Customer).count({ where: { companyId } }));
  }
  return counts;
}

const NOTHING = { Customer: 0, CustomerPhone: 0, Premise: 0, Account: 0, AccountStatusEvent: 0, AccountHolder: 0, Meter: 0, MeterStatusEvent: 0, StockMovement: 0, MeterReading: 0, SearchTerm: 0 };

async function accountByNo(companyId: number, accountNo: string): Promise<Account> {
  return (await runAsSystem('test', () => Account.findOne({ where: { companyId, accountNo } })))!;
}

describe('registry import: files in', () => {
  it('should import the sample file with the same history an account opened at the desk has when every row is valid', async () => {
    const { company, api, warehouses, asClerk } = await importDesk();
    const reply = await postCsv(api, SAMPLE);
    expect([reply.status, reply.body]).to.deep.equal([
      200,
      { outcome: 'imported', mode: 'all', encoding: 'utf-8-bom', rows: 12, valid: 12, invalid: 0, created: { customers: 9, premises: 9, accounts: 9, meters: 11 }, unchanged: 0, problems: [] },
    ]);

    const [w1, w2] = warehouses as [WarehouseView, WarehouseView];
    const account = (await api.get<AccountDetail>(`/api/accounts/${(await accountByNo(company.id, '3301000101')).id}`)).body;
    expect(account).to.deep.include({ accountNo: '3301000101', customerName: '陈国栋', category: 'residential_general', householdSize: 3, readingBookCode: 'XH-01-03', billDelivery: 'sms', status: 'active', openedOn: '2016-05-12' });
    expect(account.premise).to.deep.include({ fullAddress: '西湖区 翠苑一区 3幢 2单元 502室', serviceArea: 'XH-01' });
    expect(account.statusHistory).to.deep.equal([{ from: null, to: 'active', on: '2016-05-12', reason: 'opened', userId: account.statusHistory[0]!.userId }]);
    expect(account.holders).to.deep.equal([{ customerId: account.customerId, customerName: '陈国栋', fromDate: '2016-05-12', toDate: null, startReading: '0.000' }]);
    const meter = (await api.get<MeterHistory>(`/api/meters/${account.meters[0]!.id}/history`)).body;
    expect(meter.meter).to.deep.include({ serial: 'JK160101', kind: 'conventional', maker: '金卡智能', status: 'installed', accountNo: '3301000101', warehouseId: null, installedOn: '2016-05-12', nextVerificationDue: '2026-05-01' });
    expect(meter.statusHistory.map((e) => [e.from, e.to, e.on, e.accountId])).to.deep.equal([
      [null, 'in_stock', '2016-05-12', null],
      ['in_stock', 'installed', '2016-05-12', account.id],
    ]);
    expect(meter.movements.map((m) => [m.kind, m.fromWarehouseId, m.toWarehouseId, m.accountId, m.movedOn, m.note])).to.deep.equal([
      ['received', null, w1.id, null, '2016-05-12', 'registry import'],
      ['issued', w1.id, null, account.id, '2016-05-12', 'installed at 3301000101'],
    ]);
    expect(meter.readings).to.deep.equal([{ value: '0.000', readOn: '2016-05-12', reason: 'install', accountId: account.id }]);

    const customer = (await api.get<CustomerView>(`/api/customers/${account.customerId}`)).body;
    expect(customer).to.deep.include({ customerNo: 'KH2009000101', status: 'formal', idType: 'resident_id', idNumber: '330106********2410' });
    expect(customer.phones.map((p) => [p.label, p.number])).to.deep.equal([['mobile', '139****0101'], ['home', '057****1234']]);
    const [potential, generated] = await runAsSystem('test', () => Promise.all([Customer.findOne({ where: { companyId: company.id, name: '赵磊' } }), Customer.findOne({ where: { companyId: company.id, name: '孙丽' } })]));
    expect([potential!.customerNo, potential!.status, generated!.customerNo, generated!.status]).to.deep.equal(['KH2026000801', 'potential', 'C00000001', 'formal']);
    expect((await runAsSystem('test', () => Account.findOne({ where: { customerId: generated!.id } })))!.accountNo).to.equal('T00000001');

    const byName = await api.get<SearchResult>(`/api/search?q=${encodeURIComponent('国栋')}`);
    const byAddress = await api.get<SearchResult>(`/api/search?q=${encodeURIComponent('文鼎苑 1201')}`);
    expect([byName.body.items.map((h) => [h.customerNo, h.matchedField]), byAddress.body.items.map((h) => [h.accountNo, h.matchedField])]).to.deep.equal([
      [['KH2009000101', 'name']],
      [['3301000102', 'address']],
    ]);

    const levels = await api.get<StockLevels>('/api/stock/levels');
    expect(levels.body.items.map((l) => [l.warehouseId, l.model, l.available])).to.deep.equal([[w1.id, 'G2.5', 1], [w2.id, 'G2.5', 1]]);
    expect(await asClerk(() => app().c.stock.verifyLocations())).to.deep.equal([]);
    const audit = await runAsSystem('test', () => AuditEvent.findAll({ where: { companyId: company.id, action: 'registry.imported' } }));
    expect(audit.map((e) => JSON.parse(e.details) as unknown)).to.deep.equal([
      { mode: 'all', encoding: 'utf-8-bom', rows: 12, valid: 12, invalid: 0, created: { customers: 9, premises: 9, accounts: 9, meters: 11 }, unchanged: 0 },
    ]);
  });

  it('should read a GBK file exported by a legacy system when its bytes are not UTF-8', async () => {
    const { company, api } = await importDesk();
    const reply = await postCsv(api, GBK_FILE);
    expect([reply.status, reply.body.encoding, reply.body.created, reply.body.problems]).to.deep.equal([200, 'gb18030', { customers: 3, premises: 3, accounts: 3, meters: 3 }, []]);
    const names = await runAsSystem('test', () => Customer.findAll({ where: { companyId: company.id }, order: [['customerNo', 'ASC']] }));
    expect(names.map((c) => [c.customerNo, c.name, c.type])).to.deep.equal([
      ['LX0001', '钱堃', 'residential'],
      ['LX0002', '欧阳喆', 'residential'],
      ['LX0003', '杭州钱塘鱻味餐饮店', 'commercial'],
    ]);
    const shop = await api.get<AccountDetail>(`/api/accounts/${(await accountByNo(company.id, 'LX-A-0003')).id}`);
    expect([shop.body.premise.fullAddress, shop.body.openedOn, shop.body.meters[0]!.hasCorrector, shop.body.meters[0]!.lastReading]).to.deep.equal([
      '上城区 清泰街 388号 底商',
      '2018-03-15',
      true,
      { value: '512.250', readOn: '2018-03-15', reason: 'install' },
    ]);
  });

  it('should refuse a file that is neither UTF-8 nor GBK naming its first unreadable line, and a wrong header naming the columns', async () => {
    const { company, api } = await importDesk();
    const latin1 = Buffer.concat([Buffer.from(`${csvOf([accountRow(1)])}\r\n`, 'utf8'), Buffer.from([0x4b, 0x48, 0x32, 0xff, 0xfe, 0x2c])]);
    const unreadable = await postCsv(api, latin1);
    expect([unreadable.status, unreadable.body]).to.deep.equal([
      422,
      {
        outcome: 'refused', mode: 'all', encoding: null, rows: 0, valid: 0, invalid: 0, created: { customers: 0, premises: 0, accounts: 0, meters: 0 }, unchanged: 0,
        problems: [{ row: 3, field: '', reason: 'neither UTF-8 nor GBK/GB18030 text; save the file as CSV UTF-8 or as CSV in GBK' }],
      },
    ]);
    const header = csvOf([accountRow(1)]).replace('小区', '小区名称').replace(',表库', '');
    const wrong = await postCsv(api, header);
    expect([wrong.status, wrong.body.problems]).to.deep.equal([
      422,
      [
        { row: 1, field: '小区', reason: 'missing column' },
        { row: 1, field: '表库', reason: 'missing column' },
        { row: 1, field: '小区名称', reason: 'unknown column' },
      ],
    ]);
    expect(await registryRows(company.id)).to.deep.equal(NOTHING);
  });

  it('should accept the English headers in any order and refuse a body that is not CSV or a caller without the permission', async () => {
    const { company, api } = await importDesk();
    const english = ['district', 'community', 'customer_name', 'customer_type', 'category', 'opened_on', 'Account No', 'customerNo', 'id_type', 'id_number', 'mobile', 'phone', 'contact_name', 'contact_phone', 'building', 'unit', 'room', 'address_extra', 'service_area', 'household_size', 'reading_book', 'bill_delivery', 'meter_serial', 'meter_kind', 'maker', 'model', 'register_digits', 'max_flow', 'has_corrector', 'install_reading', 'ic_card_no', 'ic_card_maker', 'next_verification_due', 'warehouse'];
    const file = `${english.join(',')}\n西湖区,文鼎苑,Li Lei,residential,residential_general,2021-06-01,EN0001,EN-C1,,,13900001111,,,,,,,,,,,,,,,,,,,,,,,\n`;
    const reply = await postCsv(api, file);
    expect([reply.status, reply.body.encoding, reply.body.created, reply.body.problems]).to.deep.equal([200, 'utf-8', { customers: 1, premises: 1, accounts: 1, meters: 0 }, []]);
    expect((await accountByNo(company.id, 'EN0001')).category).to.equal('residential_general');

    const json = await postCsv(api, JSON.stringify({ rows: [] }), '', 'application/json');
    expect([json.status, (json.body as unknown as ErrorBody).error.issues]).to.deep.equal([422, [{ field: '', message: 'send the CSV file itself as the body, with Content-Type: text/csv' }]]);
    const agent = await new Api(app().url).login((await makeUser(company.id, 'agent')).username, TEST_PASSWORD, freshIp());
    expect((await postCsv(agent, SAMPLE)).status).to.equal(403);
    const sample = await api.get<ImportSample>('/api/registry/imports/sample');
    expect([sample.body.fileName, Buffer.from(sample.body.csv, 'utf8').equals(SAMPLE)]).to.deep.equal(['sample-import.csv', true]);
  });
});

describe('registry import: all, valid, dry run and re-runs', () => {
  const rows = [accountRow(1), accountRow(2, { mobile: '1390000000x' }), accountRow(3)];

  it('should write nothing and answer 422 with the report when one row is invalid in mode all', async () => {
    const { company, api } = await importDesk();
    const reply = await postCsv(api, csvOf(rows));
    expect([reply.status, reply.body]).to.deep.equal([
      422,
      {
        outcome: 'refused', mode: 'all', encoding: 'utf-8', rows: 3, valid: 2, invalid: 1, created: { customers: 2, premises: 2, accounts: 2, meters: 2 }, unchanged: 0,
        problems: [{ row: 3, field: '手机', reason: '"1390000000x" is not a phone number' }],
      },
    ]);
    expect(await registryRows(company.id)).to.deep.equal(NOTHING);
  });

  it('should import the valid rows and report the invalid one in mode valid', async () => {
    const { company, api } = await importDesk();
    const reply = await postCsv(api, csvOf(rows), '?mode=valid');
    expect([reply.status, reply.body.outcome, reply.body.valid, reply.body.invalid, reply.body.created, reply.body.problems]).to.deep.equal([
      200,
      'imported',
      2,
      1,
      { customers: 2, premises: 2, accounts: 2, meters: 2 },
      [{ row: 3, field: '手机', reason: '"1390000000x" is not a phone number' }],
    ]);
    const accounts = await runAsSystem('test', () => Account.findAll({ where: { companyId: company.id }, order: [['accountNo', 'ASC']] }));
    expect(accounts.map((a) => a.accountNo)).to.deep.equal(['3301000001', '3301000003']);
  });

  it('should write nothing on a dry run and report what the file would create', async () => {
    const { company, api } = await importDesk();
    const reply = await postCsv(api, SAMPLE, '?dryRun=true');
    expect([reply.status, reply.body.outcome, reply.body.created, reply.body.problems]).to.deep.equal([200, 'dry_run', { customers: 9, premises: 9, accounts: 9, meters: 11 }, []]);
    expect(await registryRows(company.id)).to.deep.equal(NOTHING);
    expect(await runAsSystem('test', () => AuditEvent.count({ where: { companyId: company.id, action: 'registry.imported' } }))).to.equal(0);
  });

  it('should change nothing when the same file is imported again, and report a changed value instead of writing it', async () => {
    const { company, api } = await importDesk();
    expect((await postCsv(api, SAMPLE)).status).to.equal(200);
    const before = await registryRows(company.id);
    const again = await postCsv(api, SAMPLE);
    expect([again.status, again.body.outcome, again.body.created, again.body.unchanged, again.body.problems]).to.deep.equal([200, 'imported', { customers: 0, premises: 0, accounts: 0, meters: 0 }, 12, []]);
    expect(await registryRows(company.id)).to.deep.equal(before);

    const edited = SAMPLE.toString('utf8').replace('XH-01-03,短信,2016/5/12', 'XH-01-04,短信,2016/5/12').replace('陈国栋,居民,身份证,330106197203152410,139 5710 0101,,', '陈国栋,居民,身份证,330106197203152410,139 5710 0199,,');
    const changed = await postCsv(api, edited);
    expect([changed.status, changed.body.problems]).to.deep.equal([
      422,
      [
        { row: 2, field: '抄表本', reason: 'differs from the registered value (XH-01-03)' },
        { row: 3, field: '手机', reason: 'differs from the registered value' },
      ],
    ]);
    expect(await registryRows(company.id)).to.deep.equal(before);
  });
});

describe('registry import: against what is registered', () => {
  it('should never touch another company\'s equal account numbers and serials when a second company imports the same file', async () => {
    const a = await importDesk();
    const b = await importDesk();
    expect((await postCsv(a.api, SAMPLE)).status).to.equal(200);
    const aBefore = await registryRows(a.company.id);
    const aAccount = await accountByNo(a.company.id, '3301000101');
    const reply = await postCsv(b.api, SAMPLE);
    expect([reply.status, reply.body.created, reply.body.unchanged]).to.deep.equal([200, { customers: 9, premises: 9, accounts: 9, meters: 11 }, 0]);
    expect(await registryRows(a.company.id)).to.deep.equal(aBefore);
    expect(await registryRows(b.company.id)).to.deep.equal(aBefore);
    const bAccount = await accountByNo(b.company.id, '3301000101');
    expect(bAccount.id).not.to.equal(aAccount.id);
    expect((await a.api.get<AccountDetail>(`/api/accounts/${aAccount.id}`)).body.customerId).to.equal(aAccount.customerId);
    expect(await b.asClerk(() => app().c.stock.verifyLocations())).to.deep.equal([]);
  });

  it('should install a meter already in stock, refuse one installed elsewhere, and keep stock equal to the movements', async () => {
    const { company, api, warehouses, asClerk } = await importDesk();
    await api.post('/api/stock/receipts', { warehouseId: warehouses[0]!.id, meters: [{ serial: 'JK1', kind: 'conventional', maker: '金卡智能', model: 'G2.5', maxFlow: '4' }] });
    expect((await postCsv(api, csvOf([accountRow(1), accountRow(2)]))).status).to.equal(200);
    const meter = await runAsSystem('test', () => Meter.findOne({ where: { companyId: company.id, serial: 'JK1' } }));
    const history = (await api.get<MeterHistory>(`/api/meters/${meter!.id}/history`)).body;
    expect(history.movements.map((m) => m.kind)).to.deep.equal(['received', 'issued']);
    expect(history.readings.map((r) => [r.value, r.readOn, r.reason])).to.deep.equal([['1.500', '2020-03-01', 'install']]);

    const elsewhere = await postCsv(api, csvOf([accountRow(3, { meterSerial: 'JK2' })]));
    expect([elsewhere.status, elsewhere.body.problems]).to.deep.equal([422, [{ row: 2, field: '表号', reason: 'already installed at account 3301000002' }]]);
    expect(await asClerk(() => app().c.stock.verifyLocations())).to.deep.equal([]);
  });

  it('should continue the desk\'s customer numbers after numbers imported in its own format', async () => {
    const { company, api } = await importDesk();
    expect((await postCsv(api, csvOf([accountRow(1, { customerNo: 'C00000002' }), accountRow(2, { customerNo: '' , idNumber: '330106197203152410', idType: '身份证' })]))).status).to.equal(200);
    const registered = await runAsSystem('test', () => Customer.findAll({ where: { companyId: company.id }, order: [['customerNo', 'ASC']] }));
    expect(registered.map((c) => c.customerNo)).to.deep.equal(['C00000001', 'C00000002']);
    const desk = await api.post<CustomerView>('/api/customers', { type: 'residential', name: '新客户' });
    expect([desk.status, desk.body.customerNo]).to.deep.equal([201, 'C00000003']);
  });
});
