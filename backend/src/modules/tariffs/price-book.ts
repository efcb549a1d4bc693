import { Transaction, type Sequelize } from 'sequelize';
import { ChargeKind, type BillingSettings, type UserCategory } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import type { ChargePlan, DiscountValue, VersionValue } from '../billing/engine/rate-bill.ts';
import { Company } from '../companies/company.model.ts';
import { Contract } from './contract.model.ts';
import { mergeContractVersions, type ContractTerms } from './contract-versions.ts';
import { DiscountRule } from './discount-rule.model.ts';
import { PriceVersion } from './price-version.model.ts';
import { billingSettingsOf } from './price-rules.ts';
import { Tariff } from './tariff.model.ts';

/** Everything a billing run prices a company's bills from, loaded once and answered from memory. */
export interface PriceBook {
  settings: BillingSettings;
  /**
   * Charge plans for an account: one per charge kind with an active tariff of its category; for
   * gas, a contract in force replaces the tariff's versions for the contract's dates (the tariff's
   * version in force again from the day after the contract ends).
   */
  chargesFor(account: { id: number; category: UserCategory }): ChargePlan[];
  /** The minimum monthly volume of the account's contract in force on `day`, or null. */
  minimumFor(accountId: number, day: string): string | null;
  /** The day of the month the account's contract in force on `day` has its bills cut, or null (the month's end). */
  billingDayFor(accountId: number, day: string): number | null;
  /** Active discount rules of the company. */
  discounts: DiscountValue[];
}

type ContractTermsOf = ContractTerms & { minimumMonthlyVolume: string | null; billingDay: number | null };

const KIND_ORDER = new Map(ChargeKind.options.map((kind, i) => [kind, i]));

/**
 * Loads a company's price book: its settings, active price lists with their versions, contracts
 * with theirs and active discount rules, in five queries read from one snapshot, so a version
 * saved during the load is either wholly in the book or not at all. A billing run loads it once
 * per batch of accounts.
 */
export class PriceBookLoader {
  constructor(private readonly sequelize: Sequelize) {}

  async load(companyId: number): Promise<PriceBook> {
    // DEFERRED: on SQLite a reading transaction must not take the write lock up front.
    const loaded = await this.sequelize.transaction({ type: Transaction.TYPES.DEFERRED }, async (transaction) => {
      const company = await Company.findByPk(companyId, { attributes: ['id', 'billingSettings'], transaction });
      if (!company) throw AppError.notFound('company');
      const where = { companyId };
      return {
        company,
        tariffs: await Tariff.findAll({ where: { ...where, active: true }, transaction }),
        versions: await PriceVersion.findAll({ where, order: [['effectiveFrom', 'ASC']], transaction }),
        contracts: await Contract.findAll({ where, transaction }),
        rules: await DiscountRule.findAll({ where: { ...where, active: true }, order: [['code', 'ASC']], transaction }),
      };
    });

    const byTariff = new Map<number, VersionValue[]>();
    const byContract = new Map<number, VersionValue[]>();
    for (const v of loaded.versions) {
      const [owners, id] = v.tariffId !== null ? [byTariff, v.tariffId] : [byContract, v.contractId!];
      const list = owners.get(id) ?? [];
      list.push({ id: v.id, effectiveFrom: v.effectiveFrom, pricing: v.pricing });
      owners.set(id, list);
    }

    const plansOf = new Map<UserCategory, ChargePlan[]>();
    for (const t of [...loaded.tariffs].sort((a, b) => KIND_ORDER.get(a.chargeKind)! - KIND_ORDER.get(b.chargeKind)!)) {
      const plans = plansOf.get(t.category) ?? [];
      plans.push({ kind: t.chargeKind, accountingCode: t.accountingCode, versions: byTariff.get(t.id) ?? [] });
      plansOf.set(t.category, plans);
    }

    const contractsOf = new Map<number, ContractTermsOf[]>();
    for (const c of loaded.contracts) {
      const terms = contractsOf.get(c.accountId) ?? [];
      terms.push({ startsOn: c.startsOn, endsOn: c.endsOn, minimumMonthlyVolume: c.minimumMonthlyVolume, billingDay: c.billingDay, versions: byContract.get(c.id) ?? [] });
      contractsOf.set(c.accountId, terms);
    }

    const inForce = (accountId: number, day: string) => contractsOf.get(accountId)?.find((c) => c.startsOn <= day && (c.endsOn === null || day <= c.endsOn));
    return {
      settings: billingSettingsOf(loaded.company.billingSettings),
      chargesFor(account) {
        const plans = plansOf.get(account.category) ?? [];
        const contracts = contractsOf.get(account.id);
        if (!contracts) return [...plans];
        return plans.map((p) => (p.kind === 'gas' ? { ...p, versions: mergeContractVersions(p.versions, contracts) } : p));
      },
      minimumFor: (accountId, day) => inForce(accountId, day)?.minimumMonthlyVolume ?? null,
      billingDayFor: (accountId, day) => inForce(accountId, day)?.billingDay ?? null,
      discounts: loaded.rules.map((r) => ({
        id: r.id,
        code: r.code,
        name: r.name,
        chargeKind: r.chargeKind,
        categories: r.categories,
        flags: r.flags,
        validFrom: r.validFrom,
        validTo: r.validTo,
        form: r.form,
        accountingCode: r.accountingCode,
      })),
    };
  }
}
