import { expect } from 'chai';
import { IMPORT_COLUMNS, type ImportColumnKey } from '@gasdesk/schema';
import { planImport, registryKeys, type ImportPlan, type Ref, type Registered, type RegisteredCustomer, type RegisteredMeter } from './import-plan.ts';
import { readImportFile } from './import-rows.ts';

type Row = Partial<Record<ImportColumnKey, string>>;

function fileOf(rows: Row[]) {
  const text = [IMPORT_COLUMNS.map((c) => c.header), ...rows.map((r) => IMPORT_COLUMNS.map((c) => r[c.key] ?? ''))].map((cells) => cells.join(',')).join('\n');
  return readImportFile(new TextEncoder().encode(text), { defaultCountryCode: '86', defaultAreaCode: '571' });
}

function accountRow(n: number, cells: Row = {}): Row {
  return {
    customerNo: `KH${n}`,
    customerName: `住户${n}`,
    customerType: '居民',
    mobile: `1380000000${n}`,
    accountNo: `A000${n}`,
    district: '西湖区',
    community: '翠苑一区',
    room: `${n}室`,
    category: '居民一般',
    openedOn: '2020-03-01',
    meterSerial: `JK${n}`,
    meterKind: '普通表',
    maker: '金卡智能',
    model: 'G2.5',
    maxFlow: '4',
    installReading: '1.5',
    warehouse: 'W1',
    ...cells,
  };
}

const stockRow = (serial: string, cells: Row = {}): Row => ({ meterSerial: serial, meterKind: '普通表', maker: '金卡智能', model: 'G2.5', maxFlow: '4', warehouse: 'W1', ...cells });

const WAREHOUSES = [{ id: 1, code: 'W1' }, { id: 2, code: 'W2' }];

const customer = (n: number, fields: Partial<RegisteredCustomer> = {}): RegisteredCustomer => ({
  id: 100 + n,
  customerNo: `KH${n}`,
  type: 'residential',
  status: 'formal',
  name: `住户${n}`,
  idType: null,
  idNumber: null,
  phones: [`+861380000000${n}`],
  ...fields,
});

const meter = (serial: string, fields: Partial<RegisteredMeter> = {}): RegisteredMeter => ({
  id: 400 + Number(serial.replace(/\D/g, '')),
  serial,
  kind: 'conventional',
  maker: '金卡智能',
  model: 'G2.5',
  registerDigits: 5,
  maxFlow: '4.0000',
  hasCorrector: false,
  status: 'in_stock',
  accountId: null,
  accountNo: null,
  warehouseId: 1,
  nextVerificationDue: null,
  icCardNo: null,
  icCardMaker: null,
  installReading: null,
  ...fields,
});

/** What an earlier import of `accountRow(n)` left in the registry. */
function registeredAccount(n: number): Registered {
  return {
    customers: [customer(n)],
    premises: [{ id: 200 + n, district: '西湖区', community: '翠苑一区', building: '', unit: '', room: `${n}室`, addressExtra: '', serviceArea: '', fullAddress: `西湖区 翠苑一区 ${n}室` }],
    accounts: [{ id: 300 + n, accountNo: `A000${n}`, customerId: 100 + n, premiseId: 200 + n, category: 'residential_general', householdSize: 3, readingBookCode: null, billDelivery: 'sms', status: 'active', openedOn: '2020-03-01' }],
    meters: [meter(`JK${n}`, { status: 'installed', accountId: 300 + n, accountNo: `A000${n}`, warehouseId: null, installReading: '1.500' })],
    warehouses: WAREHOUSES,
  };
}

const nothing: Registered = { customers: [], premises: [], accounts: [], meters: [], warehouses: WAREHOUSES };

function merge(...parts: Registered[]): Registered {
  return {
    customers: parts.flatMap((p) => p.customers),
    premises: parts.flatMap((p) => p.premises),
    accounts: parts.flatMap((p) => p.accounts),
    meters: parts.flatMap((p) => p.meters),
    warehouses: WAREHOUSES,
  };
}

const who = <T extends { customerNo?: string | null; accountNo?: string | null }>(ref: Ref<T>) => ('id' in ref ? ref.id : (ref.created.customerNo ?? ref.created.accountNo ?? 'new'));

/** The plan in words: who is created, linked to what. */
function describePlan(plan: ImportPlan) {
  return {
    customers: plan.customers.map((c) => [c.customerNo, c.fields.name, c.formal, c.phones.map((p) => p.e164)]),
    formalCustomerIds: plan.formalCustomerIds,
    premises: plan.premises.map((p) => `${p.address.community} ${p.address.room}`),
    accounts: plan.accounts.map((a) => [a.accountNo, who(a.customer), 'id' in a.premise ? a.premise.id : 'new', a.openedOn]),
    meters: plan.meters.map((m) => [m.item.serial, m.warehouseId, m.installation && [m.installation.account.accountNo, m.installation.reading, m.installation.on]]),
    stockInstallations: plan.stockInstallations.map((s) => [s.meterId, s.warehouseId, s.account.accountNo, s.reading, s.on]),
  };
}

describe('import plan: new rows', () => {
  it('should create each customer once with the union of its rows\' phones, and number-less rows for the company to number, when nothing is registered', () => {
    const file = fileOf([
      accountRow(1),
      accountRow(2, { customerNo: 'KH1', customerName: '住户1', mobile: '13900000001' }),
      { customerNo: 'KH3', customerName: '潜在客户', customerType: '居民', mobile: '13800000003' },
      { ...accountRow(4), customerNo: '', accountNo: '' },
      stockRow('ST1', { warehouse: 'w2' }),
    ]);
    const planned = planImport(file, nothing);
    expect({ ...planned, plan: describePlan(planned.plan) }).to.deep.equal({
      rows: 5,
      valid: 5,
      invalid: 0,
      unchanged: 0,
      created: { customers: 3, premises: 3, accounts: 3, meters: 4 },
      plan: {
        customers: [
          ['KH1', '住户1', true, ['+8613800000001', '+8613900000001']],
          ['KH3', '潜在客户', false, ['+8613800000003']],
          [null, '住户4', true, ['+8613800000004']],
        ],
        formalCustomerIds: [],
        premises: ['翠苑一区 1室', '翠苑一区 2室', '翠苑一区 4室'],
        accounts: [
          ['A0001', 'KH1', 'new', '2020-03-01'],
          ['A0002', 'KH1', 'new', '2020-03-01'],
          [null, 'new', 'new', '2020-03-01'],
        ],
        meters: [
          ['JK1', 1, ['A0001', '1.5', '2020-03-01']],
          ['JK2', 1, ['A0002', '1.5', '2020-03-01']],
          ['JK4', 1, [null, '1.5', '2020-03-01']],
          ['ST1', 2, null],
        ],
        stockInstallations: [],
      },
    });
    expect(file.problems.list()).to.deep.equal([]);
    expect(registryKeys(file)).to.deep.equal({
      customerNos: ['KH1', 'KH3'],
      idNumbers: [],
      accountNos: ['A0001', 'A0002'],
      communities: [['西湖区', '翠苑一区']],
      serials: ['JK1', 'JK2', 'JK4', 'ST1'],
    });
  });

  it('should install a registered stock meter and make a registered potential customer formal when a new account names them', () => {
    const registered = merge({ ...nothing, customers: [customer(1, { status: 'potential' })], meters: [meter('JK1')] });
    const planned = planImport(fileOf([accountRow(1)]), registered);
    expect([planned.created, describePlan(planned.plan)]).to.deep.equal([
      { customers: 0, premises: 1, accounts: 1, meters: 0 },
      { customers: [], formalCustomerIds: [101], premises: ['翠苑一区 1室'], accounts: [['A0001', 101, 'new', '2020-03-01']], meters: [], stockInstallations: [[401, 1, 'A0001', '1.5', '2020-03-01']] },
    ]);
  });
});

describe('import plan: rows that are registered', () => {
  it('should count a row unchanged and plan nothing when the registry holds exactly what it says', () => {
    const registered = merge(registeredAccount(1), { ...nothing, customers: [customer(2, { status: 'potential' })], meters: [meter('ST3')] });
    const file = fileOf([accountRow(1), { customerNo: 'KH2', customerName: '住户2', customerType: '居民', mobile: '13800000002' }, stockRow('ST3')]);
    const planned = planImport(file, registered);
    expect([planned.valid, planned.unchanged, planned.created, describePlan(planned.plan), file.problems.list()]).to.deep.equal([
      3,
      3,
      { customers: 0, premises: 0, accounts: 0, meters: 0 },
      { customers: [], formalCustomerIds: [], premises: [], accounts: [], meters: [], stockInstallations: [] },
      [],
    ]);
  });

  it('should report every value that differs from the registry instead of planning to overwrite it', () => {
    const registered = merge(registeredAccount(1), registeredAccount(2), { ...nothing, meters: [meter('ST3')] });
    const file = fileOf([
      accountRow(1, { customerName: '住户一', mobile: '13900000009', category: '商业', householdSize: '4', readingBook: 'B-2', billDelivery: '纸质', openedOn: '2020-03-02', maxFlow: '6', installReading: '2' }),
      accountRow(2, { customerNo: 'KH9', room: '9室', meterSerial: 'JK9' }),
      stockRow('ST3', { warehouse: 'W2', hasCorrector: '是' }),
    ]);
    const planned = planImport(file, registered);
    expect([planned.valid, planned.invalid, file.problems.list()]).to.deep.equal([
      0,
      3,
      [
        { row: 2, field: '客户名称', reason: 'differs from the registered value (住户1)' },
        { row: 2, field: '手机', reason: 'differs from the registered value' },
        { row: 2, field: '用气类别', reason: 'differs from the registered value (居民一般)' },
        { row: 2, field: '户籍人口', reason: 'differs from the registered value (3)' },
        { row: 2, field: '抄表本', reason: 'differs from the registered value (empty)' },
        { row: 2, field: '账单投递', reason: 'differs from the registered value (短信)' },
        { row: 2, field: '开户日期', reason: 'differs from the registered value (2020-03-01)' },
        { row: 2, field: '最大流量', reason: 'differs from the registered value (4)' },
        { row: 2, field: '安装读数', reason: 'differs from the registered value (1.500)' },
        { row: 3, field: '客户编号', reason: "differs from the registered value (the account's holder is KH2)" },
        { row: 3, field: '小区', reason: 'differs from the registered value (西湖区 翠苑一区 2室)' },
        { row: 3, field: '表号', reason: 'differs from the registered value (JK2)' },
        { row: 4, field: '带修正仪', reason: 'differs from the registered value (否)' },
        { row: 4, field: '表库', reason: 'differs from the registered value (W1)' },
      ],
    ]);
  });

  it('should refuse what the desk would refuse: a meter installed elsewhere or not in stock, a closed account or customer, an occupied premise, a taken ID, an unknown warehouse', () => {
    const occupied = registeredAccount(5);
    const registered = merge(registeredAccount(1), occupied, {
      ...nothing,
      customers: [customer(3, { status: 'closed' }), customer(4, { idType: 'resident_id', idNumber: '330106197203152410' })],
      accounts: [{ ...registeredAccount(6).accounts[0]!, status: 'closed', customerId: 106 }],
      premises: registeredAccount(6).premises,
      meters: [meter('JK2', { status: 'removed' })],
    });
    registered.customers.push(customer(6));
    const file = fileOf([
      accountRow(7, { meterSerial: 'JK1' }),
      accountRow(2),
      accountRow(3),
      accountRow(8, { room: '5室' }),
      accountRow(9, { idType: '身份证', idNumber: '330106197203152410' }),
      accountRow(0, { warehouse: 'W9' }),
      accountRow(6, { meterSerial: '', meterKind: '', maker: '', model: '', maxFlow: '', installReading: '', warehouse: '' }),
    ]);
    planImport(file, registered);
    expect(file.problems.list()).to.deep.equal([
      { row: 2, field: '表号', reason: 'already installed at account A0001' },
      { row: 3, field: '表号', reason: 'meter JK2 is removed, not in stock: it cannot be installed' },
      { row: 4, field: '客户编号', reason: 'customer KH3 is closed' },
      { row: 5, field: '小区', reason: '西湖区 翠苑一区 5室 already has active account A0005' },
      { row: 6, field: '证件号码', reason: 'already registered (KH4)' },
      { row: 7, field: '表库', reason: 'no warehouse with code W9' },
      { row: 8, field: '户号', reason: 'account A0006 is closed' },
    ]);
  });
});

describe('import plan: customers spread over rows', () => {
  it('should leave out every row of a customer when one of them is invalid, and keep the other customers\' rows', () => {
    const file = fileOf([accountRow(1), accountRow(2, { customerNo: 'KH1', customerName: '住户1', mobile: '13800000001', installReading: 'x' }), accountRow(3)]);
    const planned = planImport(file, nothing);
    expect([planned.valid, planned.invalid, planned.created, file.problems.list()]).to.deep.equal([
      1,
      2,
      { customers: 1, premises: 1, accounts: 1, meters: 1 },
      [
        { row: 2, field: '客户编号', reason: 'not imported: line 3 of the same customer has problems' },
        { row: 3, field: '安装读数', reason: 'a register value in m³ such as "1234.5" (at most 3 decimals)' },
      ],
    ]);
  });

  it('should take the holder of a registered account as the customer of a row that names neither customer number nor ID', () => {
    const planned = planImport(fileOf([{ ...accountRow(1), customerNo: '' }, { ...accountRow(2), customerNo: '', customerName: '别人' }]), merge(registeredAccount(1), registeredAccount(2)));
    expect([planned.valid, planned.unchanged]).to.deep.equal([1, 1]);
  });
});
