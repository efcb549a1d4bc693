import type { PriceVersionView, TierCycle } from '@gasdesk/schema';
import { t } from '../../lib/i18n.svelte.ts';

/** When a tier cycle starts, in words: `每年 1 月 1 日起` for a fixed anchor. */
export function cycleText(cycle: TierCycle): string {
  if (cycle.anchor === 'fixed') return t('billing.cycle.fixedValue', { month: cycle.month, day: cycle.day });
  return t(`billing.cycle.${cycle.anchor}`);
}

/** Where a version stands on `today`: in force, not yet, or replaced by a later one. */
export type VersionState = 'current' | 'future' | 'past';

/** Each version's state on `today`; versions are compared by their effective dates only. */
export function versionStates(versions: readonly PriceVersionView[], today: string): Map<number, VersionState> {
  const sorted = [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const current = sorted.findLast((v) => v.effectiveFrom <= today) ?? null;
  const states = new Map<number, VersionState>();
  for (const v of sorted) states.set(v.id, v === current ? 'current' : v.effectiveFrom > today ? 'future' : 'past');
  return states;
}

/** The version in force on `today`, else null (a price list whose first version starts later). */
export function currentVersion(versions: readonly PriceVersionView[], today: string): PriceVersionView | null {
  return [...versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom)).findLast((v) => v.effectiveFrom <= today) ?? null;
}
