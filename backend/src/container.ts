import type { Sequelize } from 'sequelize';
import type { Config } from './config/config.ts';
import { openDatabase } from './db/database.ts';
import { initModels } from './db/models.ts';
import { systemClock, type Clock } from './shared/clock.ts';
import { DomainEventBus } from './shared/domain-events.ts';
import type { Logger } from './shared/logger.ts';
import { AuditService } from './modules/audit/audit.service.ts';
import { AuthService } from './modules/auth/auth.service.ts';
import { UserService } from './modules/users/user.service.ts';
import { CompanyService } from './modules/companies/company.service.ts';
import { CustomerService } from './modules/customers/customer.service.ts';
import { PremiseService } from './modules/customers/premise.service.ts';
import { AccountService } from './modules/customers/account.service.ts';
import { StockService } from './modules/meters/stock.service.ts';
import { MeterService } from './modules/meters/meter.service.ts';
import { RegistryImportService } from './modules/registry-import/registry-import.service.ts';
import { SearchService } from './modules/search/search.service.ts';
import { Customer360Service } from './modules/search/customer-360.service.ts';
import { CallEventConsumer } from './modules/call-center/call-event-consumer.ts';
import { CallCenterService } from './modules/call-center/call-center.service.ts';
import { PracticeCallService } from './modules/call-center/practice-call.service.ts';
import { createReadingServices } from './modules/readings/reading-services.ts';
import type { ReadingServices } from './modules/readings/readings.routes.ts';
import { LedgerService } from './modules/ledger/ledger.service.ts';
import { createTariffServices } from './modules/tariffs/tariff-services.ts';
import type { TariffServices } from './modules/tariffs/tariffs.routes.ts';
import { PriceBookLoader } from './modules/tariffs/price-book.ts';
import { BillingService } from './modules/billing/billing.service.ts';
import { BillingRunService } from './modules/billing/billing-run.service.ts';
import { billedPriceVersions } from './modules/billing/bill-batch.ts';
import type { JobQueue } from './jobs/job-queue.ts';
import { InProcessQueue } from './jobs/in-process-queue.ts';
import { BullmqQueue, redisConnection } from './jobs/bullmq-queue.ts';

/** Every long-lived collaborator of one process, built once from the config. */
export interface Container {
  config: Config;
  logger: Logger;
  sequelize: Sequelize;
  clock: Clock;
  events: DomainEventBus;
  jobs: JobQueue;
  audit: AuditService;
  auth: AuthService;
  users: UserService;
  companies: CompanyService;
  customers: CustomerService;
  premises: PremiseService;
  accounts: AccountService;
  stock: StockService;
  meters: MeterService;
  registryImport: RegistryImportService;
  search: SearchService;
  customer360: Customer360Service;
  /** Turns CallEvents into the call log and live events; fed only by the process that consumes them (README of call-center). */
  callEvents: CallEventConsumer;
  callCenter: CallCenterService;
  practiceCalls: PracticeCallService;
  readings: ReadingServices;
  ledger: LedgerService;
  tariffs: TariffServices;
  bills: BillingService;
  billingRuns: BillingRunService;
  close(): Promise<void>;
}

export function createContainer(config: Config, logger: Logger, clock: Clock = systemClock): Container {
  const sequelize = openDatabase(config.DATABASE_URL);
  initModels(sequelize);
  const events = new DomainEventBus();
  const jobs: JobQueue = config.REDIS_URL ? new BullmqQueue(redisConnection(config.REDIS_URL), logger, config.REDIS_PREFIX) : new InProcessQueue(logger);
  const audit = new AuditService(sequelize, clock);
  const auth = new AuthService(sequelize, audit, events, clock, config.TOKEN_TTL_HOURS);
  const users = new UserService(sequelize, audit, auth);
  const companies = new CompanyService(sequelize, clock);
  const customers = new CustomerService(sequelize, audit, config.DEFAULT_COUNTRY_CODE);
  const premises = new PremiseService(customers);
  const stock = new StockService(sequelize);
  const meters = new MeterService(sequelize, stock, audit);
  const accounts = new AccountService(sequelize, customers, premises, meters, audit);
  const registryImport = new RegistryImportService(sequelize, customers, meters, audit);
  const search = new SearchService(sequelize, customers);
  const customer360 = new Customer360Service(customers);
  const callEvents = new CallEventConsumer({ search, customers, events, logger, clock });
  const callCenter = new CallCenterService(callEvents, clock);
  const practiceCalls = new PracticeCallService();
  const readings = createReadingServices(sequelize, audit, clock);
  const ledger = new LedgerService(sequelize, clock);
  // A version a bill line was rated at is part of that bill's record: billing says which ones are.
  const tariffs = createTariffServices(sequelize, audit, billedPriceVersions);
  const priceBooks = new PriceBookLoader(sequelize);
  const bills = new BillingService(sequelize, ledger, priceBooks, audit, clock);
  const billingRuns = new BillingRunService(sequelize, jobs, ledger, priceBooks, audit, clock, logger, config.BILLING_PARTITION_SIZE);
  return {
    config,
    logger,
    sequelize,
    clock,
    events,
    jobs,
    audit,
    auth,
    users,
    companies,
    customers,
    premises,
    accounts,
    stock,
    meters,
    registryImport,
    search,
    customer360,
    callEvents,
    callCenter,
    practiceCalls,
    readings,
    ledger,
    tariffs,
    bills,
    billingRuns,
    async close() {
      callEvents.close();
      await jobs.close();
      await sequelize.close();
    },
  };
}
