import type { Sequelize, Transaction } from 'sequelize';
import type { AccountClose, AccountDetail, AccountListQuery, AccountOpen, AccountPatch, AccountTransfer, AccountView, PremiseCreate } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { currentUserId } from '../../shared/request-context.ts';
import { takeNumber } from '../../db/number-sequence.model.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Company } from '../companies/company.model.ts';
import type { MeterService } from '../meters/meter.service.ts';
import { Meter } from '../meters/meter.model.ts';
import { Account, AccountHolder, AccountStatusEvent } from './account.model.ts';
import { presentAccounts } from './account.presenter.ts';
import { Customer } from './customer.model.ts';
import type { CustomerService } from './customer.service.ts';
import { Premise } from './premise.model.ts';
import type { PremiseService } from './premise.service.ts';

const withParties = [
  { model: Customer, as: 'customer' },
  { model: Premise, as: 'premise' },
];

/** An account number in the company's format: its prefix and the counter zero-padded, `QJ00001234`. */
export function accountNoOf(company: Pick<Company, 'accountNoPrefix' | 'accountNoDigits'>, n: number): string {
  return `${company.accountNoPrefix}${String(n).padStart(company.accountNoDigits, '0')}`;
}

/** Accounts: open (开户), change, transfer (过户), close (销户). Each use case is one transaction. */
export class AccountService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly customers: CustomerService,
    private readonly premises: PremiseService,
    private readonly meters: MeterService,
    private readonly audit: AuditService,
  ) {}

  async list(query: AccountListQuery): Promise<{ items: AccountView[]; total: number; limit: number; offset: number }> {
    const where: Record<string, unknown> = {};
    if (query.customerId) where.customerId = query.customerId;
    if (query.status) where.status = query.status;
    if (query.category) where.category = query.category;
    if (query.readingBookCode) where.readingBookCode = query.readingBookCode;
    const { rows, count } = await Account.findAndCountAll({ where, include: withParties, order: [['accountNo', 'ASC']], limit: query.limit, offset: query.offset });
    return { items: await presentAccounts(rows), total: count, limit: query.limit, offset: query.offset };
  }

  async get(id: number): Promise<AccountDetail> {
    const account = await Account.findByPk(id, { include: withParties });
    if (!account) throw AppError.notFound('account');
    const [view] = await presentAccounts([account]);
    const [events, holders] = await Promise.all([
      AccountStatusEvent.findAll({ where: { accountId: id }, order: [['id', 'ASC']] }),
      AccountHolder.findAll({ where: { accountId: id }, include: [{ model: Customer, as: 'customer' }], order: [['id', 'ASC']] }),
    ]);
    return {
      ...view!,
      statusHistory: events.map((e) => ({ from: e.fromStatus, to: e.toStatus, on: e.onDate, reason: e.reason, userId: e.userId })),
      holders: holders.map((h) => ({ customerId: h.customerId, customerName: h.customer!.name, fromDate: h.fromDate, toDate: h.toDate, startReading: h.startReading })),
    };
  }

  /** Opens an account for a customer at a premise; installs a meter from stock when one is named. */
  async open(customerId: number, input: AccountOpen): Promise<AccountDetail> {
    const account = await this.sequelize.transaction(async (t) => {
      const customer = await Customer.findByPk(customerId, { transaction: t, lock: t.LOCK.UPDATE });
      if (!customer) throw AppError.notFound('customer');
      if (customer.status === 'closed') throw new AppError('conflict', `customer ${customer.customerNo} is closed`);
      const premise = 'premiseId' in input.premise ? await this.premises.load(input.premise.premiseId, t) : await this.premises.resolve(input.premise as PremiseCreate, t);
      const occupied = await Account.findOne({ where: { premiseId: premise.id, status: 'active' }, transaction: t });
      if (occupied) {
        throw new AppError('conflict', `${premise.fullAddress} already has active account ${occupied.accountNo}`, { issues: [{ field: 'premise', message: `active account ${occupied.accountNo}` }] });
      }
      const accountNo = input.accountNo ?? (await this.nextAccountNo(customer.companyId, t));
      if (input.accountNo && (await Account.count({ where: { accountNo }, transaction: t })) > 0) {
        throw new AppError('conflict', `account number ${accountNo} is taken`, { issues: [{ field: 'accountNo', message: 'already taken' }] });
      }
      const created = await Account.create(
        {
          companyId: customer.companyId,
          accountNo,
          customerId: customer.id,
          premiseId: premise.id,
          category: input.category,
          householdSize: input.householdSize,
          readingBookCode: input.readingBookCode,
          billDelivery: input.billDelivery,
          status: 'active',
          openedOn: input.openedOn,
          closedOn: null,
        },
        { transaction: t },
      );
      await AccountStatusEvent.create({ companyId: created.companyId, accountId: created.id, fromStatus: null, toStatus: 'active', onDate: input.openedOn, reason: 'opened', userId: currentUserId() }, { transaction: t });
      await AccountHolder.create(
        { companyId: created.companyId, accountId: created.id, customerId: customer.id, fromDate: input.openedOn, toDate: null, startReading: input.meter?.installReading ?? null },
        { transaction: t },
      );
      if (input.meter) await this.meters.installInTransaction(created, input.meter.meterId, { value: input.meter.installReading, readOn: input.openedOn }, 'meter.meterId', t);
      await this.customers.markFormal(customer, t);
      await this.audit.record({ action: 'account.opened', companyId: created.companyId, targetType: 'account', targetId: created.id, details: { accountNo, customerNo: customer.customerNo, premiseId: premise.id } }, t);
      return created;
    });
    return this.get(account.id);
  }

  async update(id: number, patch: AccountPatch): Promise<AccountDetail> {
    const account = await Account.findByPk(id);
    if (!account) throw AppError.notFound('account');
    await account.update(patch);
    return this.get(id);
  }

  /** 过户: the old holder's period ends at the final reading; the new holder's starts from it. */
  async transfer(id: number, input: AccountTransfer): Promise<AccountDetail> {
    await this.sequelize.transaction(async (t) => {
      const account = await this.meters.activeAccount(id, t);
      const meter = await this.installedMeter(account, t);
      const newHolder =
        'customerId' in input.newHolder
          ? await Customer.findByPk(input.newHolder.customerId, { transaction: t, lock: t.LOCK.UPDATE })
          : await this.customers.registerInTransaction(input.newHolder, t, 'newHolder.');
      if (!newHolder) throw new AppError('not_found', 'customer not found', { issues: [{ field: 'newHolder.customerId', message: 'no such customer' }] });
      if (newHolder.id === account.customerId) throw AppError.invalid('newHolder.customerId', 'the new holder is the current holder');
      if (newHolder.status === 'closed') throw new AppError('conflict', `customer ${newHolder.customerNo} is closed`);
      const reading = input.finalReading;
      await this.meters.checkReading(meter.id, reading, 'finalReading', t);
      await this.meters.recordReading(meter, account.id, reading, 'transfer', t);
      await AccountHolder.update({ toDate: reading.readOn }, { where: { accountId: account.id, toDate: null }, transaction: t });
      await AccountHolder.create({ companyId: account.companyId, accountId: account.id, customerId: newHolder.id, fromDate: reading.readOn, toDate: null, startReading: reading.value }, { transaction: t });
      const previousHolder = account.customerId;
      await account.update({ customerId: newHolder.id }, { transaction: t });
      await this.customers.markFormal(newHolder, t);
      await this.audit.record(
        { action: 'account.transferred', companyId: account.companyId, targetType: 'account', targetId: account.id, details: { accountNo: account.accountNo, fromCustomerId: previousHolder, toCustomerId: newHolder.id, finalReading: reading, reason: input.reason } },
        t,
      );
    });
    return this.get(id);
  }

  /** 销户: final reading, the meter back to a warehouse, the account closed. */
  async close(id: number, input: AccountClose): Promise<AccountDetail> {
    await this.sequelize.transaction(async (t) => {
      const account = await this.meters.activeAccount(id, t);
      const meter = await Meter.findOne({ where: { accountId: account.id, status: 'installed' }, transaction: t, lock: t.LOCK.UPDATE });
      if (meter) await this.meters.removeInTransaction(meter, input.finalReading, input.warehouseId, `account closed: ${input.reason}`, 'close', 'finalReading', t);
      await account.update({ status: 'closed', closedOn: input.finalReading.readOn }, { transaction: t });
      await AccountHolder.update({ toDate: input.finalReading.readOn }, { where: { accountId: account.id, toDate: null }, transaction: t });
      await AccountStatusEvent.create({ companyId: account.companyId, accountId: account.id, fromStatus: 'active', toStatus: 'closed', onDate: input.finalReading.readOn, reason: input.reason, userId: currentUserId() }, { transaction: t });
      await this.audit.record(
        { action: 'account.closed', companyId: account.companyId, targetType: 'account', targetId: account.id, details: { accountNo: account.accountNo, finalReading: input.finalReading, meterSerial: meter?.serial ?? null, reason: input.reason } },
        t,
      );
    });
    return this.get(id);
  }

  private async installedMeter(account: Account, t: Transaction): Promise<Meter> {
    const meter = await Meter.findOne({ where: { accountId: account.id, status: 'installed' }, transaction: t, lock: t.LOCK.UPDATE });
    if (!meter) throw new AppError('conflict', `account ${account.accountNo} has no meter installed to take a final reading from`);
    return meter;
  }

  /** The company's next free account number; numbers typed in by hand or imported are skipped. */
  private async nextAccountNo(companyId: number, t: Transaction): Promise<string> {
    const company = await Company.findByPk(companyId, { transaction: t });
    const format = { accountNoPrefix: company?.accountNoPrefix ?? '', accountNoDigits: company?.accountNoDigits ?? 8 };
    for (;;) {
      const candidate = accountNoOf(format, await takeNumber(companyId, 'account', t));
      if ((await Account.count({ where: { accountNo: candidate }, transaction: t })) === 0) return candidate;
    }
  }
}

