import type { Sequelize } from 'sequelize';
import { Company } from '../modules/companies/company.model.ts';
import { BusinessHall } from '../modules/companies/business-hall.model.ts';
import { User } from '../modules/users/user.model.ts';
import { Session } from '../modules/auth/session.model.ts';
import { LoginThrottle } from '../modules/auth/login-throttle.model.ts';
import { AuditChainHead, AuditEvent } from '../modules/audit/audit-event.model.ts';
import { Customer, CustomerPhone } from '../modules/customers/customer.model.ts';
import { Premise } from '../modules/customers/premise.model.ts';
import { Account, AccountHolder, AccountStatusEvent } from '../modules/customers/account.model.ts';
import { Meter, MeterStatusEvent } from '../modules/meters/meter.model.ts';
import { Warehouse } from '../modules/meters/warehouse.model.ts';
import { StockMovement } from '../modules/meters/stock-movement.model.ts';
import { MeterReading } from '../modules/readings/meter-reading.model.ts';
import { MeterReadState } from '../modules/readings/meter-read-state.model.ts';
import { ReadingBook } from '../modules/readings/reading-book.model.ts';
import { ReadingCycle, ReadingTask } from '../modules/readings/reading-cycle.model.ts';
import { HhuImport } from '../modules/readings/hhu-import.model.ts';
import { SearchTerm } from '../modules/search/search-term.model.ts';
import { Call, CallQueue } from '../modules/call-center/call.model.ts';
import { LedgerTransaction } from '../modules/ledger/ledger-transaction.model.ts';
import { LedgerEntry } from '../modules/ledger/ledger-entry.model.ts';
import { AccountBalance } from '../modules/ledger/account-balance.model.ts';
import { Tariff } from '../modules/tariffs/tariff.model.ts';
import { PriceVersion } from '../modules/tariffs/price-version.model.ts';
import { DiscountRule } from '../modules/tariffs/discount-rule.model.ts';
import { Contract } from '../modules/tariffs/contract.model.ts';
import { Bill, BillLineRow } from '../modules/billing/bill.model.ts';
import { BillingRun, BillingRunPartition } from '../modules/billing/billing-run.model.ts';
import { NumberSequence } from './number-sequence.model.ts';
import { applyTenancy } from './tenancy.ts';

/** Binds every model to the database, wires associations, then installs tenancy on all of them. */
export function initModels(sequelize: Sequelize): void {
  const models = [
    Company, BusinessHall, User, Session, LoginThrottle, AuditEvent, AuditChainHead, NumberSequence,
    Customer, CustomerPhone, Premise, Account, AccountStatusEvent, AccountHolder,
    Warehouse, Meter, MeterStatusEvent, StockMovement, MeterReading, SearchTerm, Call, CallQueue,
    MeterReadState, ReadingBook, ReadingCycle, ReadingTask, HhuImport,
    LedgerTransaction, LedgerEntry, AccountBalance,
    Tariff, PriceVersion, DiscountRule, Contract,
    Bill, BillLineRow, BillingRun, BillingRunPartition,
  ];
  for (const model of models) model.initialize(sequelize);
  Company.hasMany(BusinessHall, { as: 'halls', foreignKey: 'companyId' });
  User.belongsTo(Company, { as: 'company', foreignKey: 'companyId' });
  Session.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  Customer.hasMany(CustomerPhone, { as: 'phones', foreignKey: 'customerId' });
  Customer.hasMany(Account, { as: 'accounts', foreignKey: 'customerId' });
  CustomerPhone.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId' });
  Account.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId' });
  Account.belongsTo(Premise, { as: 'premise', foreignKey: 'premiseId' });
  Account.hasMany(Meter, { as: 'meters', foreignKey: 'accountId' });
  AccountHolder.belongsTo(Customer, { as: 'customer', foreignKey: 'customerId' });
  Meter.belongsTo(Account, { as: 'account', foreignKey: 'accountId' });
  Meter.belongsTo(Warehouse, { as: 'warehouse', foreignKey: 'warehouseId' });
  StockMovement.belongsTo(Meter, { as: 'meter', foreignKey: 'meterId' });
  ReadingBook.belongsTo(User, { as: 'reader', foreignKey: 'readerId' });
  ReadingCycle.belongsTo(ReadingBook, { as: 'book', foreignKey: 'bookId' });
  Bill.hasMany(BillLineRow, { as: 'lines', foreignKey: 'billId' });
  applyTenancy(sequelize);
}
