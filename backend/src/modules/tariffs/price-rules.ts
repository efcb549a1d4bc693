import { DEFAULT_BILLING_SETTINGS, BillingSettings, type ChargeKind, type Pricing, type UserCategory } from '@gasdesk/schema';

/** The user categories that sign contracts (合同户); residential prices are set by the price bureau alone. */
export const CONTRACT_CATEGORIES: readonly UserCategory[] = ['commercial', 'industrial', 'public_welfare'];

/**
 * What the `Pricing` contract cannot tell about a version of a given charge: a ladder prices gas
 * only, because the rating engine carries a tier cycle's use from bill to bill for gas alone
 * (another charge would climb its ladder from the bottom every bill).
 */
export function pricingIssue(kind: ChargeKind, pricing: Pricing): string | null {
  return pricing.model === 'tiered' && kind !== 'gas' ? 'a tier ladder prices gas only' : null;
}

/** The index of the first version dated like an earlier one of the list, or -1: one list never has two prices for a day. */
export function repeatedDate(versions: readonly { effectiveFrom: string }[]): number {
  return versions.findIndex((v, i) => versions.findIndex((w) => w.effectiveFrom === v.effectiveFrom) < i);
}

/** A contract's dates hold its versions: a version before it starts or after it ends would never be used. */
export function outsideContract(contract: { startsOn: string; endsOn: string | null }, effectiveFrom: string): boolean {
  return effectiveFrom < contract.startsOn || (contract.endsOn !== null && effectiveFrom > contract.endsOn);
}

/** Whether two date ranges (inclusive; null end: open) share a day. */
export function overlaps(a: { startsOn: string; endsOn: string | null }, b: { startsOn: string; endsOn: string | null }): boolean {
  return (a.endsOn === null || b.startsOn <= a.endsOn) && (b.endsOn === null || a.startsOn <= b.endsOn);
}

/** A company's billing settings: what it stored (JSON) over the defaults, so a setting added later has its default. */
export function billingSettingsOf(stored: string | null): BillingSettings {
  return BillingSettings.parse({ ...DEFAULT_BILLING_SETTINGS, ...(stored ? (JSON.parse(stored) as object) : {}) });
}
