import type { Sequelize } from 'sequelize';
import type { AuditService } from '../audit/audit.service.ts';
import { BillingSettingsService } from './billing-settings.service.ts';
import { ContractService } from './contract.service.ts';
import { DiscountRuleService } from './discount-rule.service.ts';
import { PriceBookLoader } from './price-book.ts';
import { TariffService, type VersionUsed } from './tariff.service.ts';
import type { TariffServices } from './tariffs.routes.ts';

/** The price-management module's services; `isVersionUsed` is billing's answer to "did a bill line use this version". */
export function createTariffServices(sequelize: Sequelize, audit: AuditService, isVersionUsed: VersionUsed): TariffServices {
  return {
    tariffs: new TariffService(sequelize, audit, isVersionUsed),
    contracts: new ContractService(sequelize, audit),
    discounts: new DiscountRuleService(sequelize, audit),
    settings: new BillingSettingsService(sequelize, audit),
    priceBooks: new PriceBookLoader(sequelize),
  };
}
