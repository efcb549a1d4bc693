import type { ContractView, DiscountRuleView, PriceVersionView, TariffView } from '@gasdesk/schema';
import type { Contract } from './contract.model.ts';
import type { DiscountRule } from './discount-rule.model.ts';
import type { PriceVersion } from './price-version.model.ts';
import type { Tariff } from './tariff.model.ts';

/** `billed`: the ids of versions a bill was priced by. */
export function presentVersion(v: PriceVersion, billed: ReadonlySet<number>): PriceVersionView {
  return { id: v.id, effectiveFrom: v.effectiveFrom, pricing: v.pricing, note: v.note, createdAt: v.createdAt.toISOString(), billed: billed.has(v.id) };
}

/** `versions` are the list's own, oldest first. */
export function presentTariff(t: Tariff, versions: readonly PriceVersion[], billed: ReadonlySet<number>): TariffView {
  return { id: t.id, code: t.code, name: t.name, category: t.category, chargeKind: t.chargeKind, accountingCode: t.accountingCode, active: t.active, versions: versions.map((v) => presentVersion(v, billed)) };
}

/** `versions` are the contract's own, oldest first. */
export function presentContract(c: Contract, versions: readonly PriceVersion[], billed: ReadonlySet<number>): ContractView {
  return {
    id: c.id,
    contractNo: c.contractNo,
    accountId: c.accountId,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    minimumMonthlyVolume: c.minimumMonthlyVolume,
    billingDay: c.billingDay,
    versions: versions.map((v) => presentVersion(v, billed)),
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
