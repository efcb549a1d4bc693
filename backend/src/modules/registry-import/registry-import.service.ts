import { Op, UniqueConstraintError, type Attributes, type CreationAttributes, type Model, type ModelStatic, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { ImportQuery, ImportReport } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { currentUserId, requireUser } from '../../shared/request-context.ts';
import { skipNumbersThrough, takeNumber } from '../../db/number-sequence.model.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Company } from '../companies/company.model.ts';
import { Account, AccountHolder, AccountStatusEvent } from '../customers/account.model.ts';
import { accountNoOf } from '../customers/account.service.ts';
import { Customer, CustomerPhone } from '../customers/customer.model.ts';
import { customerNoOf, type CustomerService } from '../customers/customer.service.ts';
import { phoneOptionsOf } from '../customers/phone-input.ts';
import { Premise, fullAddressOf } from '../customers/premise.model.ts';
import { Meter, MeterStatusEvent } from '../meters/meter.model.ts';
import type { MeterService } from '../meters/meter.service.ts';
import { StockMovement } from '../meters/stock-movement.model.ts';
import { moveRecords } from '../meters/stock.service.ts';
import { Warehouse } from '../meters/warehouse.model.ts';
import { MeterReading } from '../readings/meter-reading.model.ts';
import { indexCustomers, indexPremises } from '../search/search-index.ts';
import { planImport, registryKeys, type ImportPlan, type NewAccount, type NewCustomer, type NewPremise, type PlannedImport, type Ref, type Registered, type RegistryKeys } from './import-plan.ts';
import { keyOf, readImportFile, type ImportFile } from './import-rows.ts';

/** Rows per INSERT and values per IN list: quick, and far below MySQL's packet and SQLite's statement limits. */
const BATCH = 1000;

const NO_COUNTS = { customers: 0, premises: 0, accounts: 0, meters: 0 };

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let at = 0; at < items.length; at += size) out.push(items.slice(at, at + size));
  return out;
}

/**
 * 批量导入: a legacy registry export (customers, premises, accounts, meters) read by the pure core
 * (import-rows.ts, import-plan.ts) and written here in batches, all in one transaction. The rows
 * written are the ones the services write one at a time — the account's status event and holder
 * period, the meter's `received` then `issued` movements and status events, its install reading —
 * so that an imported account is indistinguishable from one opened at the desk.
 */
export class RegistryImportService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly customers: CustomerService,
    private readonly meters: MeterService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Validates the file against the registry and writes its rows: every row or none (`all`), or
   * the valid ones (`valid`); nothing on a dry run. `today` is the date stock meters are received on.
   */
  async importFile(bytes: Uint8Array, query: ImportQuery, today: string): Promise<ImportReport> {
    const actor = requireUser();
    const file = readImportFile(bytes, phoneOptionsOf(await this.customers.phoneDefaults(actor.companyId)));
    if (file.unreadable) return report('refused', query, file, null);
    const run = async (t: Transaction | null): Promise<ImportReport> => {
      // Imports of one company run one after another: each plans against what the previous one wrote.
      if (t) await Company.findByPk(actor.companyId, { transaction: t, lock: t.LOCK.UPDATE });
      const registered = await this.loadRegistered(registryKeys(file), actor.companyId, t);
      const planned = planImport(file, registered);
      if (planned.valid === 0 || (query.mode === 'all' && planned.invalid > 0)) return report('refused', query, file, planned);
      if (!t) return report('dry_run', query, file, planned);
      await this.write(planned.plan, actor.companyId, today, t);
      const result = report('imported', query, file, planned);
      await this.audit.record(
        {
          action: 'registry.imported',
          targetType: 'company',
          targetId: actor.companyId,
          details: { mode: query.mode, encoding: result.encoding, rows: result.rows, valid: result.valid, invalid: result.invalid, created: result.created, unchanged: result.unchanged },
        },
        t,
      );
      return result;
    };
    if (query.dryRun) return run(null);
    try {
      return await this.sequelize.transaction((t) => run(t));
    } catch (err) {
      if (err instanceof UniqueConstraintError) {
        // Someone registered one of the file's numbers at the desk between the checks and the writes.
        throw new AppError('conflict', 'the registry changed while the file was being imported; nothing was written, import it again', { cause: err });
      }
      throw err;
    }
  }

  /** Everything registered that the file's rows may meet (see `Registered`), scoped to the importing company. */
  private async loadRegistered(keys: RegistryKeys, companyId: number, t: Transaction | null): Promise<Registered> {
    const transaction = t ?? undefined;
    // Plain rows of the named columns: tens of thousands of model instances would cost more than the queries.
    const find = async <M extends Model, K extends keyof Attributes<M> & string>(model: ModelStatic<M>, attributes: K[], wheres: WhereOptions[]) => {
      const found = new Map<number, Pick<Attributes<M>, K> & { id: number }>();
      for (const where of wheres) {
        // An importing user who may span companies still imports into their own.
        const rows = (await model.findAll({ attributes: ['id', ...attributes], where: { [Op.and]: [{ companyId }, where] }, raw: true, transaction })) as unknown as (Pick<Attributes<M>, K> & { id: number })[];
        for (const row of rows) found.set(row.id, row);
      }
      return [...found.values()];
    };
    const inList = (column: string, values: readonly unknown[]) => chunks(values).map((chunk) => ({ [column]: chunk }));

    const premiseColumns = ['district', 'community', 'building', 'unit', 'room', 'addressExtra', 'serviceArea', 'fullAddress'] as const;
    const premises = await find(Premise, [...premiseColumns], chunks(keys.communities, 200).map((pairs) => ({ [Op.or]: pairs.map(([district, community]) => ({ district, community })) })));
    const premiseIds = new Set(premises.map((p) => p.id));
    const accountColumns = ['accountNo', 'customerId', 'premiseId', 'category', 'householdSize', 'readingBookCode', 'billDelivery', 'status', 'openedOn'] as const;
    const accounts = await find(Account, [...accountColumns], [...inList('accountNo', keys.accountNos), ...inList('premiseId', [...premiseIds]).map((w) => ({ ...w, status: 'active' }))]);
    const missingPremises = [...new Set(accounts.map((a) => a.premiseId))].filter((id) => !premiseIds.has(id));
    premises.push(...(await find(Premise, [...premiseColumns], inList('id', missingPremises))));
    const customers = await find(
      Customer,
      ['customerNo', 'type', 'status', 'name', 'idType', 'idNumber'],
      [...inList('customerNo', keys.customerNos), ...inList('idNumber', keys.idNumbers), ...inList('id', [...new Set(accounts.map((a) => a.customerId))])],
    );
    const phones = await find(CustomerPhone, ['customerId', 'e164'], inList('customerId', customers.map((c) => c.id)));
    const meters = await find(
      Meter,
      ['serial', 'kind', 'maker', 'model', 'registerDigits', 'maxFlow', 'hasCorrector', 'status', 'accountId', 'warehouseId', 'nextVerificationDue', 'icCardNo', 'icCardMaker'],
      [...inList('serial', keys.serials), ...inList('accountId', accounts.map((a) => a.id)).map((w) => ({ ...w, status: 'installed' }))],
    );
    const installed = new Map(meters.filter((m) => m.status === 'installed' && m.accountId !== null).map((m) => [m.id, m]));
    const accountNos = new Map(accounts.map((a) => [a.id, a.accountNo]));
    const elsewhere = [...new Set([...installed.values()].map((m) => m.accountId!))].filter((id) => !accountNos.has(id));
    for (const a of await find(Account, ['accountNo'], inList('id', elsewhere))) accountNos.set(a.id, a.accountNo);
    const installReadings = new Map<number, string>();
    for (const r of await find(MeterReading, ['meterId', 'accountId', 'value'], inList('meterId', [...installed.keys()]).map((w) => ({ ...w, reason: 'install' })))) {
      if (r.accountId === installed.get(r.meterId)?.accountId) installReadings.set(r.meterId, String(r.value));
    }
    const warehouses = await find(Warehouse, ['code'], [{}]);

    const phonesOf = new Map<number, string[]>();
    for (const p of phones) {
      const known = phonesOf.get(p.customerId);
      if (known) known.push(p.e164);
      else phonesOf.set(p.customerId, [p.e164]);
    }
    return {
      customers: customers.map((c) => ({ ...c, phones: phonesOf.get(c.id) ?? [] })),
      premises,
      accounts,
      meters: meters.map((m) => ({
        ...m,
        // Raw rows skip the model's getters: DECIMAL arrives as a string (MySQL) or a number (SQLite), BOOLEAN as 0/1.
        maxFlow: String(m.maxFlow),
        hasCorrector: Boolean(m.hasCorrector),
        accountNo: m.accountId === null ? null : (accountNos.get(m.accountId) ?? null),
        installReading: installReadings.get(m.id) ?? null,
      })),
      warehouses,
    };
  }

  /** Writes a plan in batches, in the order rows reference each other. */
  private async write(plan: ImportPlan, companyId: number, today: string, t: Transaction): Promise<void> {
    const userId = currentUserId();
    const company = (await Company.findByPk(companyId, { transaction: t }))!;
    const customerIds = await this.writeCustomers(plan, companyId, t);
    const premiseIds = new Map<NewPremise, number>();
    for (const batch of chunks(plan.premises)) {
      const created = await Premise.bulkCreate(
        batch.map((p) => ({ companyId, ...p.address, fullAddress: fullAddressOf(p.address), serviceArea: p.serviceArea, phoneE164: null })),
        { transaction: t },
      );
      batch.forEach((p, i) => premiseIds.set(p, created[i]!.id));
    }
    await indexPremises(plan.premises.map((p) => ({ id: premiseIds.get(p)!, companyId, fullAddress: fullAddressOf(p.address) })), t);
    const idOf = <T>(ref: Ref<T>, created: Map<T, number>) => ('id' in ref ? ref.id : created.get(ref.created)!);

    const accountNos = await this.numbers(
      plan.accounts.map((a) => a.accountNo),
      'account',
      (n) => accountNoOf(company, n),
      async (candidates) => (await Account.findAll({ where: { companyId, accountNo: candidates }, attributes: ['accountNo'], transaction: t })).map((a) => a.accountNo),
      companyId,
      t,
    );
    const accounts = new Map<NewAccount, Account>();
    for (const [b, batch] of chunks(plan.accounts).entries()) {
      const created = await Account.bulkCreate(
        batch.map((a, i) => ({
          companyId,
          accountNo: accountNos[b * BATCH + i]!,
          customerId: idOf(a.customer, customerIds),
          premiseId: idOf(a.premise, premiseIds),
          category: a.category,
          householdSize: a.householdSize,
          readingBookCode: a.readingBookCode,
          billDelivery: a.billDelivery,
          status: 'active' as const,
          openedOn: a.openedOn,
          closedOn: null,
        })),
        { transaction: t },
      );
      batch.forEach((a, i) => accounts.set(a, created[i]!));
    }
    // What AccountService.open writes for each account: the opening status event and the first holder period.
    const installReadingOf = new Map<NewAccount, string>();
    for (const m of [...plan.meters, ...plan.stockInstallations]) {
      const installation = 'installation' in m ? m.installation : m;
      if (installation) installReadingOf.set(installation.account, installation.reading);
    }
    await this.bulk(
      AccountStatusEvent,
      plan.accounts.map((a) => ({ companyId, accountId: accounts.get(a)!.id, fromStatus: null, toStatus: 'active' as const, onDate: a.openedOn, reason: 'opened', userId })),
      t,
    );
    await this.bulk(
      AccountHolder,
      plan.accounts.map((a) => ({ companyId, accountId: accounts.get(a)!.id, customerId: accounts.get(a)!.customerId, fromDate: a.openedOn, toDate: null, startReading: installReadingOf.get(a) ?? null })),
      t,
    );

    await this.writeMeters(plan, companyId, accounts, today, userId, t);
    for (const s of plan.stockInstallations) {
      await this.meters.installInTransaction(accounts.get(s.account)!, s.meterId, { value: s.reading, readOn: s.on }, 'meterSerial', t);
    }
  }

  private async writeCustomers(plan: ImportPlan, companyId: number, t: Transaction): Promise<Map<NewCustomer, number>> {
    const numbers = await this.numbers(
      plan.customers.map((c) => c.customerNo),
      'customer',
      customerNoOf,
      async (candidates) => (await Customer.findAll({ where: { companyId, customerNo: candidates }, attributes: ['customerNo'], transaction: t })).map((c) => c.customerNo),
      companyId,
      t,
    );
    const ids = new Map<NewCustomer, number>();
    for (const [b, batch] of chunks(plan.customers).entries()) {
      const created = await Customer.bulkCreate(
        batch.map((c, i) => ({
          companyId,
          customerNo: numbers[b * BATCH + i]!,
          type: c.fields.type,
          status: c.formal ? ('formal' as const) : ('potential' as const),
          name: c.fields.name,
          idType: c.fields.idType,
          idNumber: c.fields.idNumber,
          email: c.fields.email,
          preferredLanguage: c.fields.preferredLanguage,
          preferredChannel: c.fields.preferredChannel,
          note: c.fields.note,
        })),
        { transaction: t },
      );
      batch.forEach((c, i) => ids.set(c, created[i]!.id));
    }
    await indexCustomers(plan.customers.map((c) => ({ id: ids.get(c)!, companyId, name: c.fields.name })), t);
    await this.bulk(
      CustomerPhone,
      plan.customers.flatMap((c) => c.phones.map((p, position) => ({ companyId, customerId: ids.get(c)!, label: p.label, e164: p.e164, contactName: p.contactName, relation: null, position }))),
      t,
    );
    for (const batch of chunks(plan.formalCustomerIds)) {
      // What CustomerService.markFormal does when an account is opened for a potential customer.
      await Customer.update({ status: 'formal' }, { where: { companyId, id: batch, status: 'potential' }, transaction: t });
    }
    return ids;
  }

  /**
   * New meters as the stock service would have them: received into their warehouse (on the day the
   * account opened, for one that is installed, else today), then issued to the account with an
   * install reading, as MeterService.installInTransaction does.
   */
  private async writeMeters(plan: ImportPlan, companyId: number, accounts: Map<NewAccount, Account>, today: string, userId: number | null, t: Transaction): Promise<void> {
    const movements: CreationAttributes<StockMovement>[] = [];
    const events: CreationAttributes<MeterStatusEvent>[] = [];
    const readings: CreationAttributes<MeterReading>[] = [];
    for (const batch of chunks(plan.meters)) {
      const created = await Meter.bulkCreate(
        batch.map(({ item, warehouseId, installation }) => {
          const account = installation && accounts.get(installation.account)!;
          return {
            companyId,
            serial: item.serial,
            kind: item.kind,
            maker: item.maker,
            model: item.model,
            registerDigits: item.registerDigits,
            maxFlow: item.maxFlow,
            hasCorrector: item.hasCorrector,
            status: account ? ('installed' as const) : ('in_stock' as const),
            accountId: account?.id ?? null,
            warehouseId: account ? null : warehouseId,
            installedOn: installation?.on ?? null,
            manufacturedOn: item.manufacturedOn,
            nextVerificationDue: item.nextVerificationDue,
            icCardNo: item.icCard?.cardNo ?? null,
            icCardMaker: item.icCard?.maker ?? null,
          };
        }),
        { transaction: t },
      );
      batch.forEach(({ warehouseId, installation }, i) => {
        const meter = { id: created[i]!.id, companyId, accountId: null };
        const on = installation?.on ?? today;
        const received = moveRecords(meter, { status: null, warehouseId: null }, { kind: 'received', to: { status: 'in_stock', warehouseId, accountId: null }, on, note: 'registry import' }, userId);
        movements.push(received.movement);
        events.push(received.event);
        if (!installation) return;
        const account = accounts.get(installation.account)!;
        const issued = moveRecords(
          meter,
          { status: 'in_stock', warehouseId },
          { kind: 'issued', to: { status: 'installed', warehouseId: null, accountId: account.id }, on, note: `installed at ${account.accountNo}` },
          userId,
        );
        movements.push(issued.movement);
        events.push(issued.event);
        readings.push({ companyId, meterId: meter.id, accountId: account.id, value: installation.reading, readOn: on, reason: 'install', source: 'registry', userId });
      });
    }
    await this.bulk(StockMovement, movements, t);
    await this.bulk(MeterStatusEvent, events, t);
    await this.bulk(MeterReading, readings, t);
  }

  private async bulk<M extends Model>(model: ModelStatic<M>, rows: CreationAttributes<M>[], t: Transaction): Promise<void> {
    for (const batch of chunks(rows)) await model.bulkCreate(batch, { transaction: t });
  }

  /**
   * The numbers of new rows in file order: the file's own where it has one, else the company's next
   * free ones in its format, taken from the counter a block at a time. The counter is then moved
   * past any file number written in its format, so that the desk never hands such a number out again.
   */
  private async numbers(
    given: (string | null)[],
    sequence: string,
    format: (n: number) => string,
    taken: (candidates: string[]) => Promise<string[]>,
    companyId: number,
    t: Transaction,
  ): Promise<string[]> {
    const used = new Set(given.filter((n): n is string => n !== null).map(keyOf));
    const wanted = given.filter((n) => n === null).length;
    const fresh: string[] = [];
    while (fresh.length < wanted) {
      const missing = wanted - fresh.length;
      const first = await takeNumber(companyId, sequence, t, missing);
      const candidates = Array.from({ length: missing }, (_, i) => format(first + i));
      const registered = new Set((await Promise.all(chunks(candidates).map(taken))).flat().map(keyOf));
      fresh.push(...candidates.filter((c) => !registered.has(keyOf(c)) && !used.has(keyOf(c))));
    }
    const highest = Math.max(0, ...[...used].map((n) => counterValueOf(n, format)));
    if (highest > 0) await skipNumbersThrough(companyId, sequence, highest, t);
    let next = 0;
    return given.map((n) => n ?? fresh[next++]!);
  }
}

/** The counter value a number was made from in `format` (`C00000042` → 42), or 0 when it is not in that format. */
function counterValueOf(number: string, format: (n: number) => string): number {
  const digits = /(\d{1,15})$/.exec(number)?.[1];
  if (!digits) return 0;
  const n = Number(digits);
  return keyOf(format(n)) === number ? n : 0;
}

function report(outcome: ImportReport['outcome'], query: ImportQuery, file: ImportFile, planned: PlannedImport | null): ImportReport {
  return {
    outcome,
    mode: query.mode,
    encoding: file.encoding,
    rows: planned?.rows ?? file.rows.length,
    valid: planned?.valid ?? 0,
    invalid: planned?.invalid ?? file.rows.length,
    created: planned?.created ?? NO_COUNTS,
    unchanged: planned?.unchanged ?? 0,
    problems: file.problems.list(),
  };
}
