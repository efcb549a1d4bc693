import type { Transaction } from 'sequelize';
import type { AccountView } from '@gasdesk/schema';
import { Meter } from '../meters/meter.model.ts';
import { Warehouse } from '../meters/warehouse.model.ts';
import { presentMeters } from '../meters/meter.presenter.ts';
import { Account } from './account.model.ts';
import { presentPremise } from './customer.presenter.ts';

/** Accounts must be loaded with `customer` and `premise`; their installed meters are loaded here in one query. */
export async function presentAccounts(accounts: Account[], transaction?: Transaction): Promise<AccountView[]> {
  const meters = accounts.length
    ? await Meter.findAll({
        where: { accountId: accounts.map((a) => a.id), status: 'installed' },
        include: [{ model: Account, as: 'account' }, { model: Warehouse, as: 'warehouse' }],
        transaction,
      })
    : [];
  const views = await presentMeters(meters, transaction);
  return accounts.map((a) => ({
    id: a.id,
    companyId: a.companyId,
    accountNo: a.accountNo,
    customerId: a.customerId,
    customerName: a.customer!.name,
    premise: presentPremise(a.premise!),
    category: a.category,
    householdSize: a.householdSize,
    readingBookCode: a.readingBookCode,
    billDelivery: a.billDelivery,
    status: a.status,
    openedOn: a.openedOn,
    closedOn: a.closedOn,
    meters: views.filter((m) => m.accountId === a.id),
    flags: a.flags,
    createdAt: a.createdAt.toISOString(),
  }));
}
