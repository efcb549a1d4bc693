import { addDays } from '@gasdesk/schema';
import type { CreationAttributes, Model, ModelStatic } from 'sequelize';
import type { BillDelivery, ContactChannel, MeterKind, PhoneLabel, UserCategory } from '@gasdesk/schema';
import { Account, AccountHolder, AccountStatusEvent } from '../../modules/customers/account.model.ts';
import { Customer, CustomerPhone } from '../../modules/customers/customer.model.ts';
import { e164Of, type PhoneDefaults } from '../../modules/customers/phone-input.ts';
import { Premise, fullAddressOf } from '../../modules/customers/premise.model.ts';
import { Meter, MeterStatusEvent } from '../../modules/meters/meter.model.ts';
import { StockMovement } from '../../modules/meters/stock-movement.model.ts';
import { MeterReading } from '../../modules/readings/meter-reading.model.ts';
import { createDemoPeople, type DemoAddress, type DemoPhone } from './demo-people.ts';

/**
 * The rows of a demo registry — customers, phones, premises, accounts, meters and their history —
 * built from the demo people, so that the demo seed (through `bulkCreate`) and the search benchmark
 * (through multi-row INSERTs) load the same kind of data. Rows carry their ids, so that they can
 * point at each other before any is written; every choice is a function of the customer index.
 */

/** A demo customer whose data is fixed, so that demo users and tests know whom to call. */
export interface DemoFixture {
  /** Customer index: 0 is the first customer (C00000001). */
  index: number;
  /** Replaces the customer's own mobile. */
  ownPhone?: string;
  /** Lists the own phone of the customer at this index as a contact phone (their landlord's). */
  contactOf?: number;
  /** The landline of the customer's premise. */
  premisePhone?: string;
  /** The customer holds a second account, at another flat. */
  secondFlat?: boolean;
  /** The customer is registered but has no account yet. */
  potential?: boolean;
}

export interface DemoRegistryPlan {
  companyId: number;
  /** Seeds the demo people: each demo company has people of its own. */
  peopleSeed: number;
  phoneDefaults: PhoneDefaults;
  customerNo(n: number): string;
  accountNo(n: number): string;
  customers: number;
  /** New meters waiting in the warehouses. */
  stockMeters: number;
  /** Installation stock comes from the first; replaced meters go back to the second. */
  warehouseIds: readonly [number, number];
  /** The day the registry is as of: accounts open up to ten years before it. */
  today: string;
  firstIds: { customer: number; premise: number; account: number; meter: number };
  /** Potential customers, second flats, closed accounts, replaced meters and every user category; off gives plain households. */
  variety: boolean;
  fixtures?: readonly DemoFixture[];
  /** Customers per yielded chunk. */
  chunkSize: number;
}

export interface DemoRows {
  customers: CreationAttributes<Customer>[];
  customerPhones: CreationAttributes<CustomerPhone>[];
  premises: CreationAttributes<Premise>[];
  accounts: CreationAttributes<Account>[];
  accountStatusEvents: CreationAttributes<AccountStatusEvent>[];
  accountHolders: CreationAttributes<AccountHolder>[];
  meters: CreationAttributes<Meter>[];
  meterStatusEvents: CreationAttributes<MeterStatusEvent>[];
  stockMovements: CreationAttributes<StockMovement>[];
  meterReadings: CreationAttributes<MeterReading>[];
}

/** Each kind of row with its model, in an order that writes every row after the rows it points at. */
export const DEMO_TABLES: readonly [keyof DemoRows, ModelStatic<Model>][] = [
  ['customers', Customer],
  ['customerPhones', CustomerPhone],
  ['premises', Premise],
  ['accounts', Account],
  ['accountStatusEvents', AccountStatusEvent],
  ['accountHolders', AccountHolder],
  ['meters', Meter],
  ['meterStatusEvents', MeterStatusEvent],
  ['stockMovements', StockMovement],
  ['meterReadings', MeterReading],
];

function emptyRows(): DemoRows {
  return { customers: [], customerPhones: [], premises: [], accounts: [], accountStatusEvents: [], accountHolders: [], meters: [], meterStatusEvents: [], stockMovements: [], meterReadings: [] };
}

interface MeterType {
  kind: MeterKind;
  maker: string;
  /** Serial prefix of the maker. */
  code: string;
  /** The maker's card system, for IC-card meters. */
  cardSystem: string | null;
  model: string;
  registerDigits: number;
  maxFlow: string;
  hasCorrector: boolean;
}

const residential = (kind: MeterKind, maker: string, code: string, cardSystem: string | null, model = 'G2.5', maxFlow = '4'): MeterType => ({ kind, maker, code, cardSystem, model, registerDigits: 5, maxFlow, hasCorrector: false });

const CONVENTIONAL = [residential('conventional', '金卡智能', 'JK', null), residential('conventional', '苍南仪表', 'CN', null), residential('conventional', '威星智能', 'WX', null)];
const IC_CARD = [
  residential('ic_card', '金卡智能', 'JK', 'goldcard'),
  residential('ic_card', '威星智能', 'WX', 'viewshine'),
  residential('ic_card', '先锋电子', 'XF', 'innover'),
  residential('ic_card', '新天科技', 'XT', 'suntront'),
];
const REMOTE = [residential('remote', '金卡智能', 'JK', null, 'G2.5 NB'), residential('remote', '新天科技', 'XT', null, 'G2.5 NB')];
const WALL_BOILER: MeterType = residential('conventional', '金卡智能', 'JK', null, 'G4', '6');
const BY_CATEGORY: Partial<Record<UserCategory, MeterType>> = {
  commercial: { kind: 'conventional', maker: '金卡智能', code: 'JK', cardSystem: null, model: 'G10', registerDigits: 6, maxFlow: '16', hasCorrector: false },
  industrial: { kind: 'conventional', maker: '苍南仪表', code: 'CN', cardSystem: null, model: 'G25 罗茨', registerDigits: 7, maxFlow: '40', hasCorrector: true },
  public_welfare: { kind: 'conventional', maker: '威星智能', code: 'WX', cardSystem: null, model: 'G6', registerDigits: 6, maxFlow: '10', hasCorrector: false },
};

/** Residential meters: half conventional, a third IC-card, the rest remote. */
function meterTypeOf(i: number, category: UserCategory): MeterType {
  const special = category === 'wall_boiler_heating' ? WALL_BOILER : BY_CATEGORY[category];
  if (special) return special;
  const r = i % 20;
  if (r < 10) return CONVENTIONAL[i % CONVENTIONAL.length]!;
  if (r < 17) return IC_CARD[(i >> 1) % IC_CARD.length]!;
  return REMOTE[i % REMOTE.length]!;
}

/** Residential meters are replaced after ten years (JJG 577); the registry keeps the due date. */
const VERIFICATION_DAYS = 3652;
const HOUSEHOLD_SIZES = [1, 2, 3, 3, 3, 4, 4, 5, 6];

type PhoneRow = Omit<DemoPhone, 'label'> & { label: PhoneLabel };

function m3(value: number): string {
  return value.toFixed(3);
}

/**
 * Rows for `plan.customers` customers, `plan.chunkSize` at a time, then the stock meters. Without
 * variety every customer has one account at its own flat with one installed meter.
 */
export function* demoRegistryRows(plan: DemoRegistryPlan): Generator<DemoRows> {
  const people = createDemoPeople(plan.peopleSeed);
  const fixtures = new Map((plan.fixtures ?? []).map((f) => [f.index, f]));
  const ids = { ...plan.firstIds };
  let accountCounter = 0;
  let meterCounter = 0;
  let secondFlats = 0;
  const e164 = (number: string) => e164Of(number, plan.phoneDefaults, 'demo phone');
  const { companyId, today } = plan;
  let rows = emptyRows();

  const addMeter = (type: MeterType, receivedOn: string, manufacturedOn: string, dueOn: string, warehouseId = plan.warehouseIds[0]) => {
    meterCounter += 1;
    const id = ids.meter++;
    const serial = `${type.code}${manufacturedOn.slice(2, 4)}${String(meterCounter).padStart(7, '0')}`;
    const meter: CreationAttributes<Meter> = {
      id,
      companyId,
      serial,
      kind: type.kind,
      maker: type.maker,
      model: type.model,
      registerDigits: type.registerDigits,
      maxFlow: type.maxFlow,
      hasCorrector: type.hasCorrector,
      status: 'in_stock',
      accountId: null,
      warehouseId,
      installedOn: null,
      manufacturedOn,
      nextVerificationDue: dueOn,
      icCardNo: type.cardSystem ? `8${String(meterCounter).padStart(9, '0')}` : null,
      icCardMaker: type.cardSystem,
    };
    rows.meters.push(meter);
    rows.stockMovements.push({ companyId, meterId: id, kind: 'received', fromWarehouseId: null, toWarehouseId: warehouseId, accountId: null, movedOn: receivedOn, note: '新表入库', userId: null });
    rows.meterStatusEvents.push({ companyId, meterId: id, fromStatus: null, toStatus: 'in_stock', onDate: receivedOn, accountId: null, note: '新表入库', userId: null });
    return meter;
  };

  const install = (meter: CreationAttributes<Meter>, accountId: number, accountNo: string, on: string, reading: string) => {
    const note = `installed at ${accountNo}`;
    rows.stockMovements.push({ companyId, meterId: meter.id!, kind: 'issued', fromWarehouseId: meter.warehouseId!, toWarehouseId: null, accountId, movedOn: on, note, userId: null });
    rows.meterStatusEvents.push({ companyId, meterId: meter.id!, fromStatus: 'in_stock', toStatus: 'installed', onDate: on, accountId, note, userId: null });
    rows.meterReadings.push({ companyId, meterId: meter.id!, accountId, value: reading, readOn: on, reason: 'install', source: 'registry', userId: null });
    Object.assign(meter, { status: 'installed', accountId, warehouseId: null, installedOn: on });
  };

  const takeBack = (meter: CreationAttributes<Meter>, accountId: number, on: string, reading: string, reason: 'removal' | 'close', note: string) => {
    const warehouseId = plan.warehouseIds[reason === 'removal' ? 1 : 0];
    rows.meterReadings.push({ companyId, meterId: meter.id!, accountId, value: reading, readOn: on, reason, source: 'registry', userId: null });
    rows.stockMovements.push({ companyId, meterId: meter.id!, kind: 'returned', fromWarehouseId: null, toWarehouseId: warehouseId, accountId, movedOn: on, note, userId: null });
    rows.meterStatusEvents.push({ companyId, meterId: meter.id!, fromStatus: 'installed', toStatus: 'removed', onDate: on, accountId, note, userId: null });
    Object.assign(meter, { status: 'removed', accountId: null, warehouseId });
  };

  /** One account at one premise with its meter (and, with variety, a replaced meter or a closure). */
  const openAccount = (i: number, customerId: number, category: UserCategory, address: DemoAddress, premisePhone: string | null, ageDays: number, business: boolean, variety: boolean) => {
    const premiseId = ids.premise++;
    const parts = { district: address.district, community: address.community, building: address.building, unit: address.unit, room: address.room, addressExtra: '' };
    rows.premises.push({ id: premiseId, companyId, ...parts, fullAddress: fullAddressOf(parts), serviceArea: address.serviceArea, phoneE164: premisePhone && e164(premisePhone) });
    accountCounter += 1;
    const accountId = ids.account++;
    const accountNo = plan.accountNo(accountCounter);
    const openedOn = addDays(today, -ageDays);
    const closedAge = variety && i % 151 === 71 ? Math.floor(ageDays / 3) : null;
    const delivery: BillDelivery = business ? (i % 2 === 0 ? 'paper' : 'email') : (['sms', 'sms', 'sms', 'sms', 'sms', 'sms', 'paper', 'paper', 'outdoor_notice', 'web'] as const)[i % 10]!;
    rows.accounts.push({
      id: accountId,
      companyId,
      accountNo,
      customerId,
      premiseId,
      category,
      householdSize: business ? 1 : HOUSEHOLD_SIZES[i % HOUSEHOLD_SIZES.length]!,
      // Two reading books per service area, about fifty meters each: a reader's day.
      readingBookCode: `${address.serviceArea}-${String(1 + (i % 2)).padStart(2, '0')}`,
      billDelivery: delivery,
      status: closedAge === null ? 'active' : 'closed',
      openedOn,
      closedOn: closedAge === null ? null : addDays(today, -closedAge),
    });
    rows.accountStatusEvents.push({ companyId, accountId, fromStatus: null, toStatus: 'active', onDate: openedOn, reason: 'opened', userId: null });
    const installReading = m3(((i * 37) % 500) / 100);
    rows.accountHolders.push({ companyId, accountId, customerId, fromDate: openedOn, toDate: null, startReading: installReading });

    const type = meterTypeOf(i, category);
    const dueSoon = variety && i % 50 === 29;
    const newMeter = (on: string) => {
      const manufacturedOn = addDays(on, -60 - (i % 300));
      return addMeter(type, addDays(on, -7), manufacturedOn, dueSoon ? addDays(today, 1 + (i % 59)) : addDays(on, VERIFICATION_DAYS));
    };
    // Roughly what a household burns in a day (m³): enough to make removal readings believable.
    const daily = business ? 20 + (i % 30) : 0.6 + (i % 10) / 10;
    const first = newMeter(openedOn);
    install(first, accountId, accountNo, openedOn, installReading);
    if (closedAge !== null) {
      const closedOn = addDays(today, -closedAge);
      takeBack(first, accountId, closedOn, m3(Number(installReading) + (ageDays - closedAge) * daily), 'close', 'account closed: 用户申请销户');
      rows.accountStatusEvents.push({ companyId, accountId, fromStatus: 'active', toStatus: 'closed', onDate: closedOn, reason: '用户申请销户', userId: null });
    } else if (variety && i % 43 === 17) {
      // 换表: the first meter came back for calibration, a new one was installed the same day.
      const replacedAge = Math.floor(ageDays / 2);
      const replacedOn = addDays(today, -replacedAge);
      takeBack(first, accountId, replacedOn, m3(Number(installReading) + (ageDays - replacedAge) * daily), 'removal', '周期换表');
      install(newMeter(replacedOn), accountId, accountNo, replacedOn, m3((i % 7) / 10));
    }
  };

  for (let i = 0; i < plan.customers; i++) {
    const fixture = fixtures.get(i);
    const variety = plan.variety && !fixture;
    const customerId = ids.customer++;
    const person = people.person(i);
    // One customer in 25 is a shop, a factory or a school: the generator names it after the same address.
    const business = variety && i % 25 === 13 ? people.business(i) : null;
    let phones: PhoneRow[] = business
      ? [
          { number: business.phone, label: 'work', contactName: null, relation: null },
          { number: person.mobile, label: 'mobile', contactName: person.name, relation: '负责人' },
        ]
      : people.phones(i);
    const address = people.address(i);
    // Older registries keep the home landline on the premise (装机电话) rather than on the customer.
    const landline = !business && i % 2 === 0 ? phones.find((p) => p.label === 'home') : undefined;
    const premisePhone = fixture?.premisePhone ?? landline?.number ?? null;
    if (landline) phones = phones.filter((p) => p !== landline);
    if (fixture?.ownPhone) phones = [{ number: fixture.ownPhone, label: 'mobile', contactName: null, relation: null }];
    if (fixture?.contactOf !== undefined) {
      const lender = fixture.contactOf;
      phones = [...phones, { number: fixtures.get(lender)?.ownPhone ?? people.person(lender).mobile, label: 'mobile', contactName: people.person(lender).name, relation: '房东' }];
    }
    const potential = fixture?.potential ?? (variety && i % 100 === 97);
    let category: UserCategory = business?.category ?? 'residential_general';
    if (!business && variety && i % 10 === 6) category = 'wall_boiler_heating';
    if (!business && variety && i % 97 === 48) category = 'rural_heating';
    const channel: ContactChannel = business ? 'phone' : i % 7 === 0 ? 'phone' : i % 11 === 0 ? 'wechat' : 'sms';
    rows.customers.push({
      id: customerId,
      companyId,
      customerNo: plan.customerNo(i + 1),
      type: business ? business.category : 'residential',
      status: potential ? 'potential' : 'formal',
      name: business?.name ?? person.name,
      idType: business ? 'business_license' : i % 10 === 9 ? null : 'resident_id',
      idNumber: business ? business.licenseNumber : i % 10 === 9 ? null : person.idNumber,
      email: null,
      preferredLanguage: 'zh-CN',
      preferredChannel: channel,
      note: null,
    });
    const seen = new Set<string>();
    phones.forEach((p) => {
      const number = e164(p.number);
      if (seen.has(number)) return;
      seen.add(number);
      rows.customerPhones.push({ companyId, customerId, label: p.label, e164: number, contactName: p.contactName, relation: p.relation, position: seen.size - 1 });
    });
    if (!potential) {
      const ageDays = 30 + ((i * 7919) % 3620);
      openAccount(i, customerId, category, address, premisePhone, ageDays, business !== null, variety);
      if (fixture?.secondFlat || (variety && i % 60 === 41)) {
        // A second flat (bought for a parent, let to a tenant) comes from beyond the customers' own addresses.
        secondFlats += 1;
        openAccount(i + 1, customerId, 'residential_general', people.address(plan.customers + secondFlats), null, 30 + ((i * 4813) % 2000), false, variety);
      }
    }
    if ((i + 1) % plan.chunkSize === 0) {
      yield rows;
      rows = emptyRows();
    }
  }
  for (let k = 0; k < plan.stockMeters; k++) {
    const type = [CONVENTIONAL[k % CONVENTIONAL.length]!, IC_CARD[k % IC_CARD.length]!, REMOTE[k % REMOTE.length]!][k % 3]!;
    const receivedOn = addDays(today, -1 - (k % 90));
    addMeter(type, receivedOn, addDays(receivedOn, -30 - (k % 200)), addDays(receivedOn, VERIFICATION_DAYS), plan.warehouseIds[k % 2]);
  }
  yield rows;
}
