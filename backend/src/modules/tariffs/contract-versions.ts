import { addDays } from '@gasdesk/schema';
import type { VersionValue } from '../billing/engine/rate-bill.ts';

/** A contract as the merge needs it: its dates (inclusive; `endsOn` null for open-ended) and its own versions. */
export interface ContractTerms {
  startsOn: string;
  endsOn: string | null;
  versions: readonly VersionValue[];
}

const byDate = (a: VersionValue, b: VersionValue) => a.effectiveFrom.localeCompare(b.effectiveFrom);
const inForce = (sorted: readonly VersionValue[], day: string) => sorted.findLast((v) => v.effectiveFrom <= day);

/**
 * The gas prices of an account with contracts, as one dated list the rating engine reads like a
 * price list's: inside a contract's dates its own version in force wins; where the contract has
 * none yet, and before and after the contract, the tariff's version in force applies — from the
 * day after the contract ends it is listed again with that day as its date. Entries keep the id
 * of the version they repeat, so a bill line still names the version that priced it.
 *
 * A contract's dates are treated as price changes: the company's boundary-day rule decides the
 * shared day as it does for any other change. Contracts must not overlap (the service refuses it).
 */
export function mergeContractVersions(tariff: readonly VersionValue[], contracts: readonly ContractTerms[]): VersionValue[] {
  if (contracts.length === 0) return [...tariff].sort(byDate);
  const own = [...tariff].sort(byDate);
  const terms = contracts.map((c) => ({ ...c, versions: [...c.versions].sort(byDate) }));
  const versionOn = (day: string) => {
    const contract = terms.find((c) => c.startsOn <= day && (c.endsOn === null || day <= c.endsOn));
    return (contract && inForce(contract.versions, day)) ?? inForce(own, day);
  };
  const days = new Set(own.map((v) => v.effectiveFrom));
  for (const c of terms) {
    days.add(c.startsOn);
    if (c.endsOn !== null) days.add(addDays(c.endsOn, 1));
    for (const v of c.versions) if (v.effectiveFrom >= c.startsOn && (c.endsOn === null || v.effectiveFrom <= c.endsOn)) days.add(v.effectiveFrom);
  }
  const merged: VersionValue[] = [];
  for (const day of [...days].sort()) {
    const version = versionOn(day);
    if (version && version.id !== merged.at(-1)?.id) merged.push({ id: version.id, effectiveFrom: day, pricing: version.pricing });
  }
  return merged;
}
