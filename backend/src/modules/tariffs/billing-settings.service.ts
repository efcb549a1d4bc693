import type { Sequelize } from 'sequelize';
import type { AccountFlag, AccountFlags, BillingSettings } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { requireUser } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Company } from '../companies/company.model.ts';
import { Account } from '../customers/account.model.ts';
import { billingSettingsOf } from './price-rules.ts';

/** What billing reads beside the prices: the company's settings and the flags of its accounts. */
export class BillingSettingsService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditService,
  ) {}

  async get(): Promise<BillingSettings> {
    return billingSettingsOf((await this.company()).billingSettings);
  }

  /** Replaces the settings as a whole; they apply to bills rated from now on. */
  async put(settings: BillingSettings): Promise<BillingSettings> {
    const company = await this.company();
    const before = billingSettingsOf(company.billingSettings);
    await this.sequelize.transaction(async (t) => {
      await company.update({ billingSettings: JSON.stringify(settings) }, { transaction: t });
      await this.audit.record({ action: 'billing_settings.updated', companyId: company.id, targetType: 'company', targetId: company.id, details: { from: before, to: settings } }, t);
    });
    return this.get();
  }

  /** Sets an account's flags as a whole; discount rules read them on the next bill. */
  async setFlags(accountId: number, input: AccountFlags): Promise<AccountFlags> {
    const account = await Account.findByPk(accountId);
    if (!account) throw AppError.notFound('account');
    const before: AccountFlag[] = account.flags;
    await this.sequelize.transaction(async (t) => {
      await account.update({ flags: input.flags }, { transaction: t });
      if (JSON.stringify(before) === JSON.stringify(account.flags)) return;
      await this.audit.record({ action: 'account.flags_set', companyId: account.companyId, targetType: 'account', targetId: account.id, details: { from: before, to: account.flags } }, t);
    });
    return { flags: account.flags };
  }

  private async company(): Promise<Company> {
    const company = await Company.findByPk(requireUser().companyId);
    if (!company) throw AppError.notFound('company');
    return company;
  }
}
