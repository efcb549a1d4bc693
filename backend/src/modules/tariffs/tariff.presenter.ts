import type { ContractView, DiscountRuleView, PriceVersionView, TariffView } from '@gasdesk/schema';
import type { Contract } from './contract.model.ts';
import type { DiscountRule } from './discount-rule.model.ts';
import type { PriceVersion } from './price-version.model.ts';
import type { Tariff } from './tariff.model.ts';

export function presentVersion(v: PriceVersion): PriceVersionView {
  return { id: v.id, effectiveFrom: v.effectiveFrom, pricing: v.pricing, note: v.note, createdAt: v.createdAt.toISOString() };
}

/** `versions` are the list's own, oldest first. */
export function presentTariff(t: Tariff, versions: readonly PriceVersion[]): TariffView {
  return { id: t.id, code: t.code, name: t.name, category: t.category, chargeKind: t.chargeKind, accountingCode: t.accountingCode, active: t.active, versions: versions.map(presentVersion) };
}

/** `versions` are the contract's own, oldest first. */
export function presentContract(c: Contract, versions: readonly PriceVersion[]): ContractView {
  return {
    id: c.id,
    contractNo: c.contractNo,
    accountId: c.accountId,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    minimumMonthlyVolume: c.minimumMonthlyVolume,
    billingDay: c.billingDay,
    versions: versions.map(presentVersion),
  };
}

export function presentDiscountRule(r: DiscountRule): DiscountRuleView {
  return {
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
    active: r.active,
  };
}
