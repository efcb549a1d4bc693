import { expect } from 'chai';
import type {
  AccountDetail,
  AccountFlags,
  AuditList,
  BillingSettings,
  ContractList,
  ContractView,
  CustomerView,
  DiscountRuleList,
  DiscountRuleView,
  ErrorBody,
  Pricing,
  TariffList,
  TariffView,
} from '@gasdesk/schema';
import { DEFAULT_BILLING_SETTINGS } from '@gasdesk/schema';
import type { Company } from '../../backend/src/modules/companies/company.model.ts';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser } from '../support/factories.ts';
import { HANGZHOU_LADDER, HANGZHOU_RAISED } from '../support/prices.ts';

const COMMERCIAL: Pricing = { model: 'flat', unitPrice: '3.85' };
const NEGOTIATED: Pricing = { model: 'flat', unitPrice: '3.60' };
const SERVICE_FEE: Pricing = { model: 'fixed', amountFen: 500, per: 'month' };

async function signIn(company: Company, role: 'billing_clerk' | 'agent' | 'admin'): Promise<Api> {
  return new Api(app().url).login((await makeUser(company.id, role)).username, TEST_PASSWORD, freshIp());
}

async function openAccount(api: Api, type: 'residential' | 'commercial', category: string, room: string): Promise<AccountDetail> {
  const customer = await api.post<CustomerView>('/api/customers', { type, name: `用户${room}`, phones: [{ number: '138 5555 0000' }] });
  const opened = await api.post<AccountDetail>(`/api/customers/${customer.body.id}/accounts`, {
    premise: { district: '上城区', community: '清波街道', building: '8幢', unit: '1单元', room },
    category,
    openedOn: '2026-01-05',
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  return opened.body;
}

const issue = (reply: { status: number; body: unknown }) => [reply.status, (reply.body as ErrorBody).error.issues?.[0]?.field];

describe('prices: price lists and versions, discount rules, contracts, settings, account flags and the price book', () => {
  let company: Company;
  let api: Api;
  let gas: TariffView;
  let home: AccountDetail;
  let shop: AccountDetail;
  let commercialGas: TariffView;
  let contract: ContractView;
  let lowIncome: DiscountRuleView;
  const settings: BillingSettings = { rounding: 'half_even', boundaryDay: 'later', tierBlocks: 'per_slice', dueDays: 20, cutoverOn: '2026-01-31' };

  before(async () => {
    company = await makeCompany();
    api = await signIn(company, 'billing_clerk');
    home = await openAccount(api, 'residential', 'residential_general', '101室');
    shop = await openAccount(api, 'commercial', 'commercial', '底商1号');
  });

  it('should create a tiered residential gas list with its first version and add a mid-year version', async () => {
    const created = await api.post<TariffView>('/api/tariffs', {
      code: 'RES-GAS',
      name: '居民生活用气',
      category: 'residential_general',
      chargeKind: 'gas',
      accountingCode: '6001.01',
      versions: [{ effectiveFrom: '2026-01-01', pricing: HANGZHOU_LADDER, note: '杭发改价格〔2025〕30号' }],
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const first = created.body.versions[0]!;
    expect(created.body).to.deep.equal({
      id: created.body.id,
      code: 'RES-GAS',
      name: '居民生活用气',
      category: 'residential_general',
      chargeKind: 'gas',
      accountingCode: '6001.01',
      active: true,
      versions: [{ id: first.id, effectiveFrom: '2026-01-01', pricing: HANGZHOU_LADDER, note: '杭发改价格〔2025〕30号', createdAt: first.createdAt, billed: false }],
    });
    const added = await api.post<TariffView>(`/api/tariffs/${created.body.id}/versions`, { effectiveFrom: '2026-07-01', pricing: HANGZHOU_RAISED, note: '杭发改价格〔2026〕12号' });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect(added.body.versions.map((v) => [v.effectiveFrom, v.pricing, v.note])).to.deep.equal([
      ['2026-01-01', HANGZHOU_LADDER, '杭发改价格〔2025〕30号'],
      ['2026-07-01', HANGZHOU_RAISED, '杭发改价格〔2026〕12号'],
    ]);
    gas = added.body;
    const fee = await api.post<TariffView>('/api/tariffs', { code: 'RES-SVC', name: '居民服务费', category: 'residential_general', chargeKind: 'service', accountingCode: '6051.01', versions: [{ effectiveFrom: '2026-01-01', pricing: SERVICE_FEE }] });
    expect(fee.status, JSON.stringify(fee.body)).to.equal(201);
    const listed = await api.get<TariffList>('/api/tariffs?category=residential_general&chargeKind=gas');
    expect(listed.body.items.map((t) => t.code)).to.deep.equal(['RES-GAS']);
    expect((await api.get<TariffList>('/api/tariffs')).body.items.map((t) => t.code)).to.deep.equal(['RES-GAS', 'RES-SVC']);
  });

  it('should refuse a ladder whose bounds do not rise, a ladder on a fee, and a bad date, naming the field', async () => {
    const base = { code: 'BAD', name: '错误', category: 'wall_boiler_heating', chargeKind: 'gas', accountingCode: '6001.03' };
    const falling: Pricing = { ...HANGZHOU_LADDER, tiers: [{ upTo: '480', unitPrice: '3.10' }, { upTo: '276', unitPrice: '3.72' }, { upTo: null, unitPrice: '4.65' }] };
    expect(issue(await api.post('/api/tariffs', { ...base, versions: [{ effectiveFrom: '2026-01-01', pricing: falling }] }))).to.deep.equal([422, 'versions.0.pricing.tiers']);
    expect(issue(await api.post('/api/tariffs', { ...base, chargeKind: 'maintenance', versions: [{ effectiveFrom: '2026-01-01', pricing: HANGZHOU_LADDER }] }))).to.deep.equal([422, 'versions.0.pricing.model']);
    expect(issue(await api.post('/api/tariffs', { ...base, versions: [{ effectiveFrom: '2026-02-30', pricing: HANGZHOU_LADDER }] }))).to.deep.equal([422, 'versions.0.effectiveFrom']);
    expect(issue(await api.post('/api/tariffs', { ...base, versions: [{ effectiveFrom: '2026-01-01', pricing: HANGZHOU_LADDER }, { effectiveFrom: '2026-01-01', pricing: HANGZHOU_RAISED }] }))).to.deep.equal([422, 'versions.1.effectiveFrom']);
    expect(issue(await api.post(`/api/tariffs/${gas.id}/versions`, { effectiveFrom: '2026-10-01', pricing: { ...HANGZHOU_LADDER, tiers: [{ upTo: '276', unitPrice: '3.10' }] } }))).to.deep.equal([422, 'pricing.tiers']);
    expect((await api.get<TariffList>('/api/tariffs?category=wall_boiler_heating')).body.items).to.deep.equal([]);
  });

  it('should refuse a second version on the same day, a second list for the same charge, and a code twice with 409', async () => {
    expect(issue(await api.post(`/api/tariffs/${gas.id}/versions`, { effectiveFrom: '2026-07-01', pricing: HANGZHOU_LADDER }))).to.deep.equal([409, 'effectiveFrom']);
    const twin = { code: 'RES-GAS-2', name: '另一个', category: 'residential_general', chargeKind: 'gas', accountingCode: '6001.01', versions: [{ effectiveFrom: '2026-01-01', pricing: HANGZHOU_LADDER }] };
    expect(issue(await api.post('/api/tariffs', twin))).to.deep.equal([409, 'chargeKind']);
    expect(issue(await api.post('/api/tariffs', { ...twin, code: 'RES-GAS', category: 'industrial' }))).to.deep.equal([409, 'code']);
  });

  it('should withdraw a version entered by mistake but never the list’s last one', async () => {
    const mistake = await api.post<TariffView>(`/api/tariffs/${gas.id}/versions`, { effectiveFrom: '2026-09-01', pricing: HANGZHOU_RAISED, note: '录错' });
    const wrong = mistake.body.versions.find((v) => v.effectiveFrom === '2026-09-01')!;
    const withdrawn = await api.request<TariffView>('DELETE', `/api/tariffs/${gas.id}/versions/${wrong.id}`);
    expect(withdrawn.status, JSON.stringify(withdrawn.body)).to.equal(200);
    expect(withdrawn.body.versions.map((v) => v.effectiveFrom)).to.deep.equal(['2026-01-01', '2026-07-01']);
    expect((await api.request('DELETE', `/api/tariffs/${gas.id}/versions/${wrong.id}`)).status).to.equal(404);
    const single = (await api.get<TariffList>('/api/tariffs?chargeKind=service')).body.items[0]!;
    const last = await api.request<ErrorBody>('DELETE', `/api/tariffs/${single.id}/versions/${single.versions[0]!.id}`);
    expect(last.status).to.equal(409);
    const renamed = await api.patch<TariffView>(`/api/tariffs/${gas.id}`, { name: '居民生活用气（阶梯）' });
    expect([renamed.status, renamed.body.name, renamed.body.versions.length]).to.deep.equal([200, '居民生活用气（阶梯）', 2]);
  });

  it('should create, list and change discount rules, refusing a rule that ends before it starts and a code twice', async () => {
    const created = await api.post<DiscountRuleView>('/api/discount-rules', {
      code: 'DIBAO',
      name: '低保户每月免费 10 m³',
      chargeKind: 'gas',
      categories: ['residential_general'],
      flags: ['low_income'],
      form: { type: 'free_volume', volume: '10' },
      accountingCode: '6001.91',
    });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body).to.deep.equal({
      id: created.body.id,
      code: 'DIBAO',
      name: '低保户每月免费 10 m³',
      chargeKind: 'gas',
      categories: ['residential_general'],
      flags: ['low_income'],
      validFrom: null,
      validTo: null,
      form: { type: 'free_volume', volume: '10' },
      accountingCode: '6001.91',
      active: true,
    });
    expect(issue(await api.post('/api/discount-rules', { code: 'DIBAO', name: '重复', chargeKind: 'gas', form: { type: 'fixed', amountFen: 100 }, accountingCode: '6001.91' }))).to.deep.equal([409, 'code']);
    expect(issue(await api.post('/api/discount-rules', { code: 'OLD', name: '过期', chargeKind: 'gas', validFrom: '2026-06-01', validTo: '2026-05-31', form: { type: 'fixed', amountFen: 100 }, accountingCode: '6001.91' }))).to.deep.equal([422, 'validTo']);
    const winter = await api.post<DiscountRuleView>('/api/discount-rules', { code: 'WINTER', name: '冬季孤寡老人 9 折', chargeKind: 'gas', flags: ['elderly_alone'], validFrom: '2026-11-01', validTo: '2027-03-31', form: { type: 'percent', percent: '10' }, accountingCode: '6001.92' });
    const stopped = await api.patch<DiscountRuleView>(`/api/discount-rules/${winter.body.id}`, { active: false, form: { type: 'percent', percent: '15' } });
    expect([stopped.status, stopped.body.active, stopped.body.form]).to.deep.equal([200, false, { type: 'percent', percent: '15' }]);
    expect(issue(await api.patch(`/api/discount-rules/${winter.body.id}`, { validTo: '2026-10-01' }))).to.deep.equal([422, 'validTo']);
    const listed = await api.get<DiscountRuleList>('/api/discount-rules');
    expect(listed.body.items.map((r) => [r.code, r.active])).to.deep.equal([['DIBAO', true], ['WINTER', false]]);
    lowIncome = created.body;
  });

  it('should refuse a contract on a residential account, accept one on a commercial account, and refuse an overlapping one', async () => {
    const listed = await api.post<TariffView>('/api/tariffs', { code: 'COM-GAS', name: '非居民用气', category: 'commercial', chargeKind: 'gas', accountingCode: '6001.02', versions: [{ effectiveFrom: '2026-01-01', pricing: COMMERCIAL }] });
    expect(listed.status, JSON.stringify(listed.body)).to.equal(201);
    commercialGas = listed.body;
    const terms = { contractNo: 'HT-2026-001', startsOn: '2026-03-01', endsOn: '2026-12-31', minimumMonthlyVolume: '500', billingDay: 25, versions: [{ effectiveFrom: '2026-03-01', pricing: NEGOTIATED, note: '年度框架协议' }] };
    expect(issue(await api.post('/api/contracts', { ...terms, accountId: home.id }))).to.deep.equal([422, 'accountId']);
    expect(issue(await api.post('/api/contracts', { ...terms, accountId: shop.id, versions: [{ effectiveFrom: '2026-02-01', pricing: NEGOTIATED }] }))).to.deep.equal([422, 'versions.0.effectiveFrom']);
    expect(issue(await api.post('/api/contracts', { ...terms, accountId: shop.id, endsOn: '2026-02-01' }))).to.deep.equal([422, 'endsOn']);
    const signed = await api.post<ContractView>('/api/contracts', { ...terms, accountId: shop.id });
    expect(signed.status, JSON.stringify(signed.body)).to.equal(201);
    const version = signed.body.versions[0]!;
    expect(signed.body).to.deep.equal({
      id: signed.body.id,
      contractNo: 'HT-2026-001',
      accountId: shop.id,
      startsOn: '2026-03-01',
      endsOn: '2026-12-31',
      minimumMonthlyVolume: '500.000',
      billingDay: 25,
      versions: [{ id: version.id, effectiveFrom: '2026-03-01', pricing: NEGOTIATED, note: '年度框架协议', createdAt: version.createdAt, billed: false }],
    });
    expect(issue(await api.post('/api/contracts', { ...terms, contractNo: 'HT-2026-002', accountId: shop.id, startsOn: '2026-12-01', endsOn: null, versions: [] }))).to.deep.equal([409, 'startsOn']);
    expect(issue(await api.post('/api/contracts', { ...terms, accountId: shop.id, startsOn: '2027-01-01', endsOn: null, versions: [] }))).to.deep.equal([409, 'contractNo']);
    contract = signed.body;
  });

  it('should end a contract early, add a negotiated price inside it, and refuse one outside its dates', async () => {
    const ended = await api.patch<ContractView>(`/api/contracts/${contract.id}`, { endsOn: '2026-08-31' });
    expect([ended.status, ended.body.endsOn, ended.body.minimumMonthlyVolume]).to.deep.equal([200, '2026-08-31', '500.000']);
    expect(issue(await api.post(`/api/contracts/${contract.id}/versions`, { effectiveFrom: '2026-09-01', pricing: NEGOTIATED }))).to.deep.equal([422, 'effectiveFrom']);
    expect(issue(await api.post(`/api/contracts/${contract.id}/versions`, { effectiveFrom: '2026-03-01', pricing: NEGOTIATED }))).to.deep.equal([409, 'effectiveFrom']);
    const added = await api.post<ContractView>(`/api/contracts/${contract.id}/versions`, { effectiveFrom: '2026-06-01', pricing: { model: 'flat', unitPrice: '3.65' }, note: '上游调价联动' });
    expect(added.status, JSON.stringify(added.body)).to.equal(201);
    expect(issue(await api.patch(`/api/contracts/${contract.id}`, { endsOn: '2026-05-31' }))).to.deep.equal([422, 'endsOn']);
    const next = await api.post<ContractView>('/api/contracts', { contractNo: 'HT-2027-001', accountId: shop.id, startsOn: '2027-01-01', endsOn: null });
    expect(next.status, JSON.stringify(next.body)).to.equal(201);
    expect(issue(await api.patch(`/api/contracts/${contract.id}`, { endsOn: '2027-01-01' }))).to.deep.equal([409, 'endsOn']);
    const listed = await api.get<ContractList>(`/api/accounts/${shop.id}/contracts`);
    expect(listed.body.items.map((c) => [c.contractNo, c.startsOn, c.endsOn, c.versions.map((v) => v.effectiveFrom)])).to.deep.equal([
      ['HT-2026-001', '2026-03-01', '2026-08-31', ['2026-03-01', '2026-06-01']],
      ['HT-2027-001', '2027-01-01', null, []],
    ]);
    contract = listed.body.items[0]!;
  });

  it('should keep the billing settings over the defaults and set account flags as a whole', async () => {
    expect((await api.get<BillingSettings>('/api/billing/settings')).body).to.deep.equal(DEFAULT_BILLING_SETTINGS);
    const put = await api.put<BillingSettings>('/api/billing/settings', settings);
    expect([put.status, put.body]).to.deep.equal([200, settings]);
    expect((await api.get<BillingSettings>('/api/billing/settings')).body).to.deep.equal(settings);
    expect(issue(await api.put('/api/billing/settings', { ...settings, dueDays: 120 }))).to.deep.equal([422, 'dueDays']);

    expect(home.flags).to.deep.equal([]);
    const flagged = await api.put<AccountFlags>(`/api/accounts/${home.id}/flags`, { flags: ['low_income', 'elderly_alone', 'low_income'] });
    expect([flagged.status, flagged.body]).to.deep.equal([200, { flags: ['elderly_alone', 'low_income'] }]);
    expect((await api.get<AccountDetail>(`/api/accounts/${home.id}`)).body.flags).to.deep.equal(['elderly_alone', 'low_income']);
    expect(issue(await api.put(`/api/accounts/${home.id}/flags`, { flags: ['vip'] }))).to.deep.equal([422, 'flags.0']);

    const admin = await signIn(company, 'admin');
    const audit = await admin.get<AuditList>('/api/audit?action=account.flags_set');
    expect(audit.body.items.map((e) => [e.targetId, e.details])).to.deep.equal([[String(home.id), { from: [], to: ['elderly_alone', 'low_income'] }]]);
    const versions = await admin.get<AuditList>('/api/audit?action=price_version.deleted');
    expect(versions.body.items.map((e) => [e.targetType, e.targetId, e.details.effectiveFrom])).to.deep.equal([['tariff', String(gas.id), '2026-09-01']]);
  });

  it('should let an agent read prices but not change them', async () => {
    const agent = await signIn(company, 'agent');
    expect((await agent.get<TariffList>('/api/tariffs')).body.items.map((t) => t.code)).to.deep.equal(['COM-GAS', 'RES-GAS', 'RES-SVC']);
    expect((await agent.post('/api/tariffs', {})).status).to.equal(403);
    expect((await agent.put(`/api/accounts/${home.id}/flags`, { flags: [] })).status).to.equal(403);
  });

  it('should keep another company from seeing or changing any of it', async () => {
    const other = await signIn(await makeCompany(), 'billing_clerk');
    expect((await other.get<TariffList>('/api/tariffs')).body.items).to.deep.equal([]);
    expect((await other.get(`/api/tariffs/${gas.id}`)).status).to.equal(404);
    expect((await other.patch(`/api/tariffs/${gas.id}`, { active: false })).status).to.equal(404);
    expect((await other.post(`/api/tariffs/${gas.id}/versions`, { effectiveFrom: '2026-10-01', pricing: HANGZHOU_RAISED })).status).to.equal(404);
    expect((await other.request('DELETE', `/api/tariffs/${gas.id}/versions/${gas.versions[1]!.id}`)).status).to.equal(404);
    expect((await other.get<DiscountRuleList>('/api/discount-rules')).body.items).to.deep.equal([]);
    expect((await other.patch(`/api/discount-rules/${lowIncome.id}`, { active: false })).status).to.equal(404);
    expect((await other.get(`/api/accounts/${shop.id}/contracts`)).status).to.equal(404);
    expect(issue(await other.post('/api/contracts', { contractNo: 'X-1', accountId: shop.id, startsOn: '2028-01-01', endsOn: null }))).to.deep.equal([422, 'accountId']);
    expect((await other.patch(`/api/contracts/${contract.id}`, { billingDay: 1 })).status).to.equal(404);
    expect((await other.put(`/api/accounts/${home.id}/flags`, { flags: [] })).status).to.equal(404);
    expect((await other.get<BillingSettings>('/api/billing/settings')).body).to.deep.equal(DEFAULT_BILLING_SETTINGS);
    expect((await api.get<TariffView>(`/api/tariffs/${gas.id}`)).body.active).to.equal(true);
    expect((await api.get<AccountDetail>(`/api/accounts/${home.id}`)).body.flags).to.deep.equal(['elderly_alone', 'low_income']);
  });

  it('should load the price book billing rates from: the tariffs of a residential account, and the contract’s prices inside its dates for a commercial one', async () => {
    const book = await runAsSystem('test', () => app().c.tariffs.priceBooks.load(company.id));
    const [january, july] = gas.versions;
    const fee = (await api.get<TariffList>('/api/tariffs?chargeKind=service')).body.items[0]!;
    expect(book.settings).to.deep.equal(settings);
    expect(book.chargesFor({ id: home.id, category: 'residential_general' })).to.deep.equal([
      { kind: 'gas', accountingCode: '6001.01', versions: [{ id: january!.id, effectiveFrom: '2026-01-01', pricing: HANGZHOU_LADDER }, { id: july!.id, effectiveFrom: '2026-07-01', pricing: HANGZHOU_RAISED }] },
      { kind: 'service', accountingCode: '6051.01', versions: [{ id: fee.versions[0]!.id, effectiveFrom: '2026-01-01', pricing: SERVICE_FEE }] },
    ]);
    const [listPrice] = commercialGas.versions;
    const [negotiated, linked] = contract.versions;
    expect(book.chargesFor({ id: shop.id, category: 'commercial' })).to.deep.equal([
      {
        kind: 'gas',
        accountingCode: '6001.02',
        versions: [
          { id: listPrice!.id, effectiveFrom: '2026-01-01', pricing: COMMERCIAL },
          { id: negotiated!.id, effectiveFrom: '2026-03-01', pricing: NEGOTIATED },
          { id: linked!.id, effectiveFrom: '2026-06-01', pricing: { model: 'flat', unitPrice: '3.65' } },
          { id: listPrice!.id, effectiveFrom: '2026-09-01', pricing: COMMERCIAL },
        ],
      },
    ]);
    expect(['2026-02-28', '2026-05-31', '2026-08-31', '2026-09-30', '2027-06-30'].map((day) => book.minimumFor(shop.id, day))).to.deep.equal([null, '500.000', '500.000', null, null]);
    expect(['2026-02-28', '2026-05-31', '2026-09-30'].map((day) => book.billingDayFor(shop.id, day))).to.deep.equal([null, 25, null]);
    expect(book.discounts).to.deep.equal([
      { id: lowIncome.id, code: 'DIBAO', name: '低保户每月免费 10 m³', chargeKind: 'gas', categories: ['residential_general'], flags: ['low_income'], validFrom: null, validTo: null, form: { type: 'free_volume', volume: '10' }, accountingCode: '6001.91' },
    ]);
    const otherBook = await runAsSystem('test', async () => app().c.tariffs.priceBooks.load((await makeCompany()).id));
    expect([otherBook.chargesFor({ id: home.id, category: 'residential_general' }), otherBook.discounts, otherBook.settings]).to.deep.equal([[], [], DEFAULT_BILLING_SETTINGS]);
  });
});
