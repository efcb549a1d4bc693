import type { Sequelize } from 'sequelize';
import type { Clock } from '../../shared/clock.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { HandheldService } from './handheld.service.ts';
import { ReadingBookService } from './reading-book.service.ts';
import { ReadingCycleService } from './reading-cycle.service.ts';
import { DbReadingEstimator } from './reading-estimator.ts';
import { ReadingExceptionService } from './reading-exception.service.ts';
import { ReadingReportService } from './reading-report.service.ts';
import { CompanyReadingRules } from './reading-rules.ts';
import type { ReadingServices } from './readings.routes.ts';
import { RemoteReadingService } from './remote-reading.service.ts';
import { SelfReadingService } from './self-reading.service.ts';

/** The meter-reading module's services, sharing one rules source and one estimator. */
export function createReadingServices(sequelize: Sequelize, audit: AuditService, clock: Clock): ReadingServices {
  const rules = new CompanyReadingRules();
  const estimator = new DbReadingEstimator();
  const books = new ReadingBookService(sequelize, audit);
  const cycles = new ReadingCycleService(sequelize, books, estimator, rules, audit, clock);
  return {
    books,
    cycles,
    handheld: new HandheldService(sequelize, cycles, rules, audit, clock),
    exceptions: new ReadingExceptionService(sequelize, estimator, rules, audit, clock),
    remote: new RemoteReadingService(sequelize, rules),
    selfReads: new SelfReadingService(sequelize, rules, clock),
    reports: new ReadingReportService(),
  };
}
