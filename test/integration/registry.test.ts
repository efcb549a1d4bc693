import { expect } from 'chai';
import type { AccountDetail, AuditList, CustomerView, ErrorBody, MeterHistory, MeterView, RevealResponse, StockLevels } from '@gasdesk/schema';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeUser, unique } from '../support/factories.ts';
import { registryDesk } from '../support/registry-desk.ts';
import { runAs, runAsSystem } from '../../backend/src/shared/request-context.ts';
import { Account } from '../../backend/src/modules/customers/account.model.ts';
import { Customer } from '../../backend/src/modules/customers/customer.model.ts';
import { Meter } from '../../backend/src/modules/meters/meter.model.ts';
import { StockMovement } from '../../backend/src/modules/meters/stock-movement.model.ts';

const resident = {
  type: 'residential',
  name: '王建华',
  idType: 'resident_id',
  idNumber: '330106198503127318',
  phones: [
    { number: '138 1234 5678', label: 'mobile' },
    { number: '8701 0001', label: 'home' },
    { number: '+86 139-0000-1111', label: 'mobile', contactName: '王小明', relation: '儿子' },
  ],
};

async function openAccount(api: Api, meterId: number, room = '502室') {
  const customer = await api.post<CustomerView>('/api/customers', { ...resident, idNumber: null, idType: null, name: `住户${room}` });
  const opened = await api.post<AccountDetail>(`/api/customers/${customer.body.id}/accounts`, {
    premise: { district: '西湖区', community: '翠苑一区', building: '3幢', unit: '2单元', room },
    category: 'residential_general',
    householdSize: 3,
    openedOn: '2026-01-05',
    meter: { meterId, installReading: '12.5' },
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  return { customer: customer.body, account: opened.body };
}

describe('registry: customers', () => {
  it('should register a potential customer with phones stored in E.164 and shown masked', async () => {
    const { api } = await registryDesk();
    const reply = await api.post<CustomerView>('/api/customers', resident);
    expect(reply.status).to.equal(201);
    expect(reply.body).to.deep.include({ type: 'residential', status: 'potential', name: '王建华', idType: 'resident_id', idNumber: '330106********7318', customerNo: 'C00000001' });
    expect(reply.body.phones.map((p) => [p.label, p.number, p.contactName, p.relation])).to.deep.equal([
      ['mobile', '138****5678', null, null],
      ['home', '057****0001', null, null],
      ['mobile', '139****1111', '王小明', '儿子'],
    ]);
  });

  it('should name the field of a malformed phone, a wrong ID check digit and a duplicate ID, writing nothing', async () => {
    const { api, company } = await registryDesk();
    const badPhone = await api.post<ErrorBody>('/api/customers', { ...resident, phones: [{ number: '13812345678' }, { number: '12-ab' }] });
    expect([badPhone.status, badPhone.body.error.issues]).to.deep.equal([422, [{ field: 'phones.1.number', message: '"12-ab" is not a phone number' }]]);
    const badId = await api.post<ErrorBody>('/api/customers', { ...resident, idNumber: '330106198503127317' });
    expect([badId.status, badId.body.error.issues!.map((i) => i.field)]).to.deep.equal([422, ['idNumber']]);
    expect((await api.post('/api/customers', resident)).status).to.equal(201);
    const twice = await api.post<ErrorBody>('/api/customers', { ...resident, name: '王建华（重复）' });
    expect([twice.status, twice.body.error.issues]).to.deep.equal([409, [{ field: 'idNumber', message: 'already registered (C00000001)' }]]);
    expect(await runAsSystem('test', () => Customer.count({ where: { companyId: company.id } }))).to.equal(1);
  });

  it('should reveal full numbers only to a permitted user and audit each reveal with its reason', async () => {
    const { api, company } = await registryDesk();
    const customer = (await api.post<CustomerView>('/api/customers', resident)).body;
    const revealed = await api.post<RevealResponse>(`/api/customers/${customer.id}/reveal`, { fields: ['idNumber', 'phones'], reason: '来电核实身份' });
    expect(revealed.body.idNumber).to.equal('330106198503127318');
    expect(revealed.body.phones!.map((p) => p.e164)).to.deep.equal(['+8613812345678', '+8657187010001', '+8613900001111']);
    const audit = await api.get<AuditList>('/api/audit?action=personal_data.revealed');
    expect(audit.status).to.equal(403);
    const admin = await new Api(app().url).login((await makeUser(company.id, 'admin')).username, TEST_PASSWORD, freshIp());
    const records = await admin.get<AuditList>('/api/audit?action=personal_data.revealed');
    expect(records.body.items.map((e) => [e.targetId, e.details])).to.deep.equal([[String(customer.id), { fields: ['idNumber', 'phones'], reason: '来电核实身份' }]]);
    const agent = await new Api(app().url).login((await makeUser(company.id, 'agent')).username, TEST_PASSWORD, freshIp());
    expect((await agent.post(`/api/customers/${customer.id}/reveal`, { fields: ['phones'], reason: 'x1' })).status).to.equal(403);
  });
});

describe('registry: accounts and meters', () => {
  it('should open an account with a meter from stock, making the customer formal and the meter installed', async () => {
    const { api, warehouse, meters } = await registryDesk();
    const { customer, account } = await openAccount(api, meters[0]!.id);
    expect(account).to.deep.include({ accountNo: 'T00000001', customerId: customer.id, status: 'active', openedOn: '2026-01-05', category: 'residential_general' });
    expect(account.premise.fullAddress).to.equal('西湖区 翠苑一区 3幢 2单元 502室');
    expect(account.meters.map((m) => [m.serial, m.status, m.installedOn, m.lastReading])).to.deep.equal([
      [meters[0]!.serial, 'installed', '2026-01-05', { value: '12.500', readOn: '2026-01-05', reason: 'install' }],
    ]);
    expect(account.holders).to.deep.equal([{ customerId: customer.id, customerName: customer.name, fromDate: '2026-01-05', toDate: null, startReading: '12.500' }]);
    expect((await api.get<CustomerView>(`/api/customers/${customer.id}`)).body.status).to.equal('formal');
    const levels = await api.get<StockLevels>(`/api/stock/levels?warehouseId=${warehouse.id}`);
    expect(levels.body.items.map((l) => [l.model, l.available, l.removed])).to.deep.equal([['G2.5', 2, 0]]);
  });

  it('should refuse a second active account at the same premise and a meter that is already installed', async () => {
    const { api, meters } = await registryDesk();
    const { customer } = await openAccount(api, meters[0]!.id);
    const samePremise = await api.post<ErrorBody>(`/api/customers/${customer.id}/accounts`, {
      premise: { district: '西湖区', community: '翠苑一区', building: '3幢', unit: '2单元', room: '502室' },
      category: 'residential_general',
      openedOn: '2026-02-01',
    });
    expect([samePremise.status, samePremise.body.error.message]).to.deep.equal([409, '西湖区 翠苑一区 3幢 2单元 502室 already has active account T00000001']);
    const other = await api.post<CustomerView>('/api/customers', { type: 'residential', name: '李四' });
    const twice = await api.post<ErrorBody>(`/api/customers/${other.body.id}/accounts`, {
      premise: { district: '西湖区', community: '翠苑一区', building: '3幢', unit: '2单元', room: '601室' },
      category: 'residential_general',
      openedOn: '2026-02-01',
      meter: { meterId: meters[0]!.id, installReading: '0' },
    });
    expect([twice.status, twice.body.error.issues]).to.deep.equal([409, [{ field: 'meter.meterId', message: 'meter is installed' }]]);
    expect((await api.get<CustomerView>(`/api/customers/${other.body.id}`)).body.status).to.equal('potential');
  });

  it('should transfer an account with the old holder\'s final reading and refuse a reading lower than the last', async () => {
    const { api, meters } = await registryDesk();
    const { customer, account } = await openAccount(api, meters[0]!.id);
    const lower = await api.post<ErrorBody>(`/api/accounts/${account.id}/transfer`, {
      newHolder: { type: 'residential', name: '赵六' },
      finalReading: { value: '10', readOn: '2026-03-01' },
    });
    expect([lower.status, lower.body.error.issues]).to.deep.equal([422, [{ field: 'finalReading.value', message: "lower than the meter's last reading 12.500 (2026-01-05)" }]]);
    expect((await api.get<AccountDetail>(`/api/accounts/${account.id}`)).body.customerId).to.equal(customer.id);

    const moved = await api.post<AccountDetail>(`/api/accounts/${account.id}/transfer`, {
      newHolder: { type: 'residential', name: '赵六', phones: [{ number: '13900002222' }] },
      finalReading: { value: '245.125', readOn: '2026-03-01' },
      reason: '房屋买卖',
    });
    expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
    expect(moved.body.customerName).to.equal('赵六');
    expect(moved.body.holders.map((h) => [h.customerName, h.fromDate, h.toDate, h.startReading])).to.deep.equal([
      [customer.name, '2026-01-05', '2026-03-01', '12.500'],
      ['赵六', '2026-03-01', null, '245.125'],
    ]);
    expect(moved.body.meters[0]!.lastReading).to.deep.equal({ value: '245.125', readOn: '2026-03-01', reason: 'transfer' });
  });

  it('should close an account with a final reading, return its meter to stock as removed, and refuse to transfer it afterwards', async () => {
    const { api, warehouse, meters } = await registryDesk();
    const { account } = await openAccount(api, meters[0]!.id);
    const closed = await api.post<AccountDetail>(`/api/accounts/${account.id}/close`, { finalReading: { value: '300', readOn: '2026-04-30' }, warehouseId: warehouse.id, reason: '拆迁' });
    expect(closed.body).to.deep.include({ status: 'closed', closedOn: '2026-04-30', meters: [] });
    expect(closed.body.statusHistory.map((e) => [e.from, e.to, e.on, e.reason])).to.deep.equal([
      [null, 'active', '2026-01-05', 'opened'],
      ['active', 'closed', '2026-04-30', '拆迁'],
    ]);
    const meter = await api.get<MeterView>(`/api/meters/${meters[0]!.id}`);
    expect(meter.body).to.deep.include({ status: 'removed', accountId: null, warehouseId: warehouse.id, lastReading: { value: '300.000', readOn: '2026-04-30', reason: 'close' } });
    const levels = await api.get<StockLevels>(`/api/stock/levels?warehouseId=${warehouse.id}`);
    expect(levels.body.items.map((l) => [l.available, l.removed])).to.deep.equal([[2, 1]]);
    const transfer = await api.post<ErrorBody>(`/api/accounts/${account.id}/transfer`, { newHolder: { type: 'residential', name: '某人' }, finalReading: { value: '300', readOn: '2026-05-01' } });
    expect([transfer.status, transfer.body.error.message]).to.deep.equal([409, `account ${account.accountNo} is closed`]);
  });

  it('should replace a meter with both readings, and keep every movement in the meters\' histories', async () => {
    const { api, warehouse, meters } = await registryDesk();
    const { account } = await openAccount(api, meters[0]!.id);
    const replaced = await api.post<MeterView>(`/api/accounts/${account.id}/meter-replacement`, {
      oldMeterId: meters[0]!.id,
      removalReading: '512.3',
      newMeterId: meters[1]!.id,
      installReading: '0.8',
      readOn: '2026-06-10',
      warehouseId: warehouse.id,
      reason: '表具故障',
    });
    expect(replaced.status, JSON.stringify(replaced.body)).to.equal(200);
    expect(replaced.body).to.deep.include({ serial: meters[1]!.serial, status: 'installed', accountId: account.id, lastReading: { value: '0.800', readOn: '2026-06-10', reason: 'install' } });
    const old = await api.get<MeterHistory>(`/api/meters/${meters[0]!.id}/history`);
    expect(old.body.statusHistory.map((e) => [e.from, e.to, e.on])).to.deep.equal([
      [null, 'in_stock', old.body.statusHistory[0]!.on],
      ['in_stock', 'installed', '2026-01-05'],
      ['installed', 'removed', '2026-06-10'],
    ]);
    expect(old.body.movements.map((m) => [m.kind, m.fromWarehouseId, m.toWarehouseId, m.accountId])).to.deep.equal([
      ['received', null, warehouse.id, null],
      ['issued', warehouse.id, null, account.id],
      ['returned', null, warehouse.id, account.id],
    ]);
    expect(old.body.readings.map((r) => [r.value, r.reason])).to.deep.equal([['12.500', 'install'], ['512.300', 'removal']]);
  });

  it('should send a removed meter to calibration and back, scrap another, and keep locations equal to the movements', async () => {
    const { api, company, warehouse, meters } = await registryDesk();
    const { account } = await openAccount(api, meters[0]!.id);
    await api.post(`/api/meters/${meters[0]!.id}/removal`, { reading: { value: '88', readOn: '2026-02-02' }, warehouseId: warehouse.id, reason: '周期检定' });
    const sent = await api.post<MeterView>(`/api/meters/${meters[0]!.id}/calibration`, { action: 'send', warehouseId: warehouse.id });
    expect(sent.body).to.deep.include({ status: 'in_calibration', warehouseId: null });
    const back = await api.post<MeterView>(`/api/meters/${meters[0]!.id}/calibration`, { action: 'return', warehouseId: warehouse.id, nextVerificationDue: '2036-02-01' });
    expect(back.body).to.deep.include({ status: 'in_stock', warehouseId: warehouse.id, nextVerificationDue: '2036-02-01' });
    const scrapped = await api.post<MeterView>(`/api/meters/${meters[2]!.id}/scrap`, { note: '外壳破损' });
    expect(scrapped.body.status).to.equal('scrapped');
    const again = await api.post<ErrorBody>(`/api/meters/${meters[2]!.id}/scrap`, { note: '再报废' });
    expect(again.status).to.equal(409);
    expect((await api.get<AccountDetail>(`/api/accounts/${account.id}`)).body.meters).to.deep.equal([]);

    const clerk = { kind: 'user' as const, userId: 0, username: 'check', companyId: company.id, role: 'billing_clerk' as const, permissions: new Set<never>(), sessionId: 0, ip: null };
    expect(await runAs(clerk, () => app().c.stock.verifyLocations())).to.deep.equal([]);
    const moves = await runAsSystem('test', () => StockMovement.count({ where: { companyId: company.id } }));
    expect(moves).to.equal(3 + 1 + 1 + 1 + 1 + 1);
  });

  it('should refuse a stock receipt with a known serial, naming the row, and receive none of it', async () => {
    const { api, company, warehouse, meters } = await registryDesk();
    const reply = await api.post<ErrorBody>('/api/stock/receipts', {
      warehouseId: warehouse.id,
      meters: [
        { serial: unique('NEW'), kind: 'conventional', maker: '金卡', model: 'G2.5', maxFlow: '4' },
        { serial: meters[1]!.serial, kind: 'conventional', maker: '金卡', model: 'G2.5', maxFlow: '4' },
      ],
    });
    expect([reply.status, reply.body.error.issues]).to.deep.equal([409, [{ field: 'meters.1.serial', message: `meter ${meters[1]!.serial} is already registered` }]]);
    expect(await runAsSystem('test', () => Meter.count({ where: { companyId: company.id } }))).to.equal(3);
  });

  it('should answer 404 for another company\'s account and meter', async () => {
    const first = await registryDesk();
    const { account } = await openAccount(first.api, first.meters[0]!.id);
    const second = await registryDesk();
    expect((await second.api.get(`/api/accounts/${account.id}`)).status).to.equal(404);
    expect((await second.api.get(`/api/meters/${first.meters[0]!.id}`)).status).to.equal(404);
    const close = await second.api.post(`/api/accounts/${account.id}/close`, { finalReading: { value: '20', readOn: '2026-02-01' }, warehouseId: second.warehouse.id, reason: 'x' });
    expect(close.status).to.equal(404);
    expect((await runAsSystem('test', () => Account.findByPk(account.id)))!.status).to.equal('active');
  });
});
