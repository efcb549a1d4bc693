import type { Sequelize } from 'sequelize';
import type { AuditService } from '../audit/audit.service.ts';
import { BillingSettingsService } from './billing-settings.service.ts';
import { ContractService } from './contract.service.ts';
import { DiscountRuleService } from './discount-rule.service.ts';
import { PriceBookLoader } from './price-book.ts';
import { TariffService, type BilledVersions } from './tariff.service.ts';
import type { TariffServices } from './tariffs.routes.ts';

/** The price-management module's services; `billedVersions` is billing's answer to "which of these versions did a bill line use". */
export function createTariffServices(sequelize: Sequelize, audit: AuditService, billedVersions: BilledVersions): TariffServices {
  return {
    tariffs: new TariffService(sequelize, audit, billedVersions),
    contracts: new ContractService(sequelize, audit, billedVersions),
    discounts: new DiscountRuleService(sequelize, audit),
    settings: new BillingSettingsService(sequelize, audit),
    priceBooks: new PriceBookLoader(sequelize),
  };
}
