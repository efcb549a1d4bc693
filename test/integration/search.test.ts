import { expect } from 'chai';
import type { AccountDetail, AccountView, Customer360, CustomerView, MatchedField, PhoneMatch, PhoneMatches, SearchHit, SearchResult } from '@gasdesk/schema';
import type { Api } from '../support/http.ts';
import { registryDesk } from '../support/registry-desk.ts';

type Desk = Awaited<ReturnType<typeof registryDesk>>;

const WEST_LAKE = { district: '西湖区', community: '翠苑一区', building: '3幢', unit: '2单元' };

async function register(api: Api, body: Record<string, unknown>): Promise<CustomerView> {
  const reply = await api.post<CustomerView>('/api/customers', { type: 'residential', ...body });
  expect(reply.status, JSON.stringify(reply.body)).to.equal(201);
  return reply.body;
}

/** The customer as it is now (opening an account makes a potential customer formal). */
async function reload(api: Api, customer: CustomerView): Promise<CustomerView> {
  return (await api.get<CustomerView>(`/api/customers/${customer.id}`)).body;
}

async function open(api: Api, customer: CustomerView, premise: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<AccountView> {
  const reply = await api.post<AccountDetail>(`/api/customers/${customer.id}/accounts`, { premise, category: 'residential_general', openedOn: '2026-01-05', ...extra });
  expect(reply.status, JSON.stringify(reply.body)).to.equal(201);
  const { statusHistory: _history, holders: _holders, ...view } = reply.body;
  return view;
}

async function close(desk: Desk, account: AccountView): Promise<AccountView> {
  const reply = await desk.api.post<AccountDetail>(`/api/accounts/${account.id}/close`, { finalReading: { value: '30', readOn: '2026-03-01' }, warehouseId: desk.warehouse.id, reason: '拆迁' });
  expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
  const { statusHistory: _history, holders: _holders, ...view } = reply.body;
  return view;
}

async function search(api: Api, q: string): Promise<SearchHit[]> {
  const reply = await api.get<SearchResult>(`/api/search?q=${encodeURIComponent(q)}`);
  expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
  return reply.body.items;
}

async function byPhone(api: Api, number: string): Promise<PhoneMatches> {
  const reply = await api.get<PhoneMatches>(`/api/customers/by-phone/${encodeURIComponent(number)}`);
  expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
  return reply.body;
}

/** The hit a customer (and, when the hit is about one, an account) should give; customer-level hits show the main account's address. */
function hit(customer: CustomerView, account: AccountView | null, matchedField: MatchedField, matchedValue: string, score: number, address = account?.premise.fullAddress ?? null): SearchHit {
  return {
    customerId: customer.id,
    customerNo: customer.customerNo,
    name: customer.name,
    customerType: customer.type,
    customerStatus: customer.status,
    accountId: account?.id ?? null,
    accountNo: account?.accountNo ?? null,
    accountStatus: account?.status ?? null,
    address,
    matchedField,
    matchedValue,
    score,
  };
}

function match(customer: CustomerView, account: AccountView | null, matchedVia: PhoneMatch['matchedVia'], contactName: string | null = null): PhoneMatch {
  return {
    customerId: customer.id,
    customerNo: customer.customerNo,
    name: customer.name,
    accountId: account?.id ?? null,
    accountNo: account?.accountNo ?? null,
    accountStatus: account?.status ?? null,
    category: account?.category ?? null,
    address: account?.premise.fullAddress ?? null,
    matchedVia,
    contactName,
  };
}

describe('search: one box over every field', () => {
  it('should find a customer by each field an agent is given, masking phone and ID numbers in the hit', async () => {
    const desk = await registryDesk([
      { serial: 'JK2612345678', kind: 'conventional' },
      { serial: 'WX2600000099', kind: 'ic_card', icCard: { cardNo: '8000001234', maker: 'viewshine' } },
    ]);
    const { api, meters } = desk;
    let wang = await register(api, {
      name: '王建华',
      idType: 'resident_id',
      idNumber: '33010619900101107X',
      phones: [{ number: '138 1234 5678' }, { number: '139 0000 1111', contactName: '王小明', relation: '儿子' }],
    });
    const home = await open(api, wang, { ...WEST_LAKE, room: '502室', phone: '0571-8701 0001' }, { meter: { meterId: meters[0]!.id, installReading: '1' } });
    let shop = await register(api, { type: 'commercial', name: '杭州知味餐饮有限公司' });
    const kitchen = await open(api, shop, { district: '滨江区', community: '江南春城', building: '5幢', unit: '1单元', room: '301室' }, { category: 'commercial', meter: { meterId: meters[1]!.id, installReading: '0' } });
    const homeAddress = home.premise.fullAddress;
    [wang, shop] = [await reload(api, wang), await reload(api, shop)];

    const queries = ['138-1234-5678', '139 0000 1111', '0571 8701 0001', '33010619900101107x', '王建华', '建华', '知味', 'T00000001', 'c00000002', 'JK2612345678', 'jk26123', '8000001234', '翠苑 502'];
    const found = Object.fromEntries(await Promise.all(queries.map(async (q) => [q, await search(api, q)] as const)));
    expect(found).to.deep.equal({
      '138-1234-5678': [hit(wang, null, 'phone', '138****5678', 100, homeAddress)],
      '139 0000 1111': [hit(wang, null, 'phone', '139****1111', 100, homeAddress)],
      '0571 8701 0001': [hit(wang, home, 'phone', '057****0001', 100)],
      '33010619900101107x': [hit(wang, null, 'id_number', '330106********107X', 100, homeAddress)],
      王建华: [hit(wang, null, 'name', '王建华', 70, homeAddress)],
      建华: [hit(wang, null, 'name', '王建华', 50, homeAddress)],
      知味: [hit(shop, null, 'name', '杭州知味餐饮有限公司', 50, kitchen.premise.fullAddress)],
      T00000001: [hit(wang, home, 'account_no', 'T00000001', 100)],
      c00000002: [hit(shop, null, 'customer_no', 'C00000002', 100, kitchen.premise.fullAddress)],
      JK2612345678: [hit(wang, home, 'meter_serial', 'JK2612345678', 100)],
      jk26123: [hit(wang, home, 'meter_serial', 'JK2612345678', 80)],
      '8000001234': [hit(shop, kitchen, 'ic_card', '8000001234', 100)],
      '翠苑 502': [hit(wang, home, 'address', homeAddress, 40)],
    });
  });

  it('should rank exact identifiers, then prefixes, whole and starting names, name fragments and address fragments when one query hits them all', async () => {
    const { api } = await registryDesk();
    let trader = await register(api, { type: 'commercial', name: 'T5550001商行' });
    const exact = await open(api, trader, { ...WEST_LAKE, room: '101室' }, { accountNo: 'T5550001', category: 'commercial' });
    trader = await reload(api, trader);
    let li = await register(api, { name: '李四' });
    const longer = await open(api, li, { ...WEST_LAKE, room: '102室' }, { accountNo: 'T55500012' });
    const inside = await register(api, { type: 'commercial', name: '商行T5550001' });
    let zhang = await register(api, { name: '张三' });
    const shed = await open(api, zhang, { ...WEST_LAKE, room: '', addressExtra: '车库T5550001号' });
    [li, zhang] = [await reload(api, li), await reload(api, zhang)];

    expect(await search(api, 'T5550001')).to.deep.equal([
      hit(trader, exact, 'account_no', 'T5550001', 100),
      hit(li, longer, 'account_no', 'T55500012', 80),
      hit(trader, null, 'name', 'T5550001商行', 60, exact.premise.fullAddress),
      hit(inside, null, 'name', '商行T5550001', 50),
      hit(zhang, shed, 'address', '西湖区 翠苑一区 3幢 2单元 车库T5550001号', 40),
    ]);
  });

  it('should find a renamed customer by the new name only when the name is changed', async () => {
    const { api } = await registryDesk();
    const before = await register(api, { name: '赵敏' });
    expect((await search(api, '敏')).map((h) => h.customerId)).to.deep.equal([before.id]);
    const renamed = await api.patch<CustomerView>(`/api/customers/${before.id}`, { name: '赵雅芝' });
    expect(renamed.status).to.equal(200);
    expect({ old: await search(api, '敏'), fresh: await search(api, '雅芝') }).to.deep.equal({ old: [], fresh: [hit(renamed.body, null, 'name', '赵雅芝', 50)] });
  });
});

describe('search: the screen-pop lookup by calling number', () => {
  it('should offer every account of a shared phone as a choice, active first, then customers without account, then closed accounts', async () => {
    const desk = await registryDesk();
    const { api } = desk;
    const zhang = await register(api, { name: '张伟', phones: [{ number: '137 0000 1111' }] });
    const flat = await open(api, zhang, { ...WEST_LAKE, room: '201室' });
    const left = await close(desk, await open(api, zhang, { ...WEST_LAKE, room: '202室' }));
    const li = await register(api, { name: '李娜', phones: [{ number: '13700001111' }, { number: '139-0000-2222', contactName: '李明', relation: '儿子' }] });
    const hers = await open(api, li, { ...WEST_LAKE, room: '301室' });
    const lead = await register(api, { name: '潜在客户', phones: [{ number: '+86 137 0000 1111' }] });

    const shared = [match(zhang, flat, 'customer'), match(li, hers, 'customer'), match(lead, null, 'customer'), match(zhang, left, 'customer')];
    expect(await byPhone(api, '137 0000 1111')).to.deep.equal({ number: '137 0000 1111', matches: shared });
    expect(await byPhone(api, '+86 137-0000-1111')).to.deep.equal({ number: '137 0000 1111', matches: shared });
    expect(await byPhone(api, '008613700001111')).to.deep.equal({ number: '137 0000 1111', matches: shared });
    expect(await byPhone(api, '13900002222')).to.deep.equal({ number: '139 0000 2222', matches: [match(li, hers, 'contact', '李明')] });
  });

  it('should match a premise landline given as a local number, and nothing for a withheld caller id or a number in no record', async () => {
    const { api } = await registryDesk();
    const wu = await register(api, { name: '吴金根' });
    const account = await open(api, wu, { ...WEST_LAKE, room: '402室', phone: '0571-8701 0002' });
    expect(await byPhone(api, '87010002')).to.deep.equal({ number: '0571-8701 0002', matches: [match(wu, account, 'premise')] });
    expect(await byPhone(api, 'anonymous')).to.deep.equal({ number: 'anonymous', matches: [] });
    // `/customers/by-phone/360` is a number, not the 360 of a customer called by-phone.
    expect(await byPhone(api, '360')).to.deep.equal({ number: '360', matches: [] });
    expect(await byPhone(api, '13911112222')).to.deep.equal({ number: '139 1111 2222', matches: [] });
  });
});

describe('search: tenancy and the customer 360', () => {
  it('should never show another company\'s customers, however they are looked for', async () => {
    const [ours, theirs] = [await registryDesk(), await registryDesk()];
    const [mine, other] = await Promise.all(
      [ours, theirs].map(async ({ api }) => {
        const customer = await register(api, { name: '周杰', phones: [{ number: '136 0000 1111' }] });
        const account = await open(api, customer, { ...WEST_LAKE, room: '601室' });
        return { customer: await reload(api, customer), account };
      }),
    ) as [{ customer: CustomerView; account: AccountView }, { customer: CustomerView; account: AccountView }];
    const address = mine.account.premise.fullAddress;
    expect({
      name: await search(ours.api, '周杰'),
      phone: await search(ours.api, '13600001111'),
      account: await search(ours.api, mine.account.accountNo),
      address: await search(ours.api, '翠苑一区 601'),
      pop: await byPhone(ours.api, '13600001111'),
    }).to.deep.equal({
      name: [hit(mine.customer, null, 'name', '周杰', 70, address)],
      phone: [hit(mine.customer, null, 'phone', '136****1111', 100, address)],
      account: [hit(mine.customer, mine.account, 'account_no', mine.account.accountNo, 100)],
      address: [hit(mine.customer, mine.account, 'address', address, 40)],
      pop: { number: '136 0000 1111', matches: [match(mine.customer, mine.account, 'customer')] },
    });
    expect((await ours.api.get(`/api/customers/${other.customer.id}/360`)).status).to.equal(404);
  });

  it('should show a customer with every account they hold, open and closed, with premises, meters and last readings', async () => {
    const desk = await registryDesk();
    const { api, meters } = desk;
    const chen = await register(api, { name: '陈丽华', idType: 'resident_id', idNumber: '33010619900101107X', phones: [{ number: '138 1234 5678' }] });
    const left = await close(desk, await open(api, chen, { ...WEST_LAKE, room: '101室' }, { meter: { meterId: meters[0]!.id, installReading: '5' } }));
    const home = await open(api, chen, { ...WEST_LAKE, room: '702室' }, { meter: { meterId: meters[1]!.id, installReading: '12.5' } });

    const reply = await api.get<Customer360>(`/api/customers/${chen.id}/360`);
    expect(reply.status).to.equal(200);
    expect(reply.body).to.deep.equal({
      customer: { ...chen, status: 'formal' },
      accounts: [home, left],
      premises: [home.premise, left.premise],
      modules: { billing: null, cardPurchases: null, workOrders: null, calls: null },
    });
    expect(home.meters.map((m) => [m.serial, m.lastReading])).to.deep.equal([[meters[1]!.serial, { value: '12.500', readOn: '2026-01-05', reason: 'install' }]]);
  });
});
