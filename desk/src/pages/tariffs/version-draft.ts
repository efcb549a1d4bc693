import type { PriceVersionInput, PriceVersionView, Pricing, PricingModelName, TierCycle } from '@gasdesk/schema';
import type { FieldErrors } from '../../lib/form-errors.ts';
import { t } from '../../lib/i18n.svelte.ts';

/** One ladder step as typed: the last step's bound is never typed (it has none). */
export interface StepDraft {
  upTo: string;
  unitPrice: string;
}

type Tiered = Extract<Pricing, { model: 'tiered' }>;

/** A price version as the form holds it: every model's fields at once, so switching model loses nothing. */
export interface VersionDraft {
  effectiveFrom: string;
  model: PricingModelName;
  unitPrice: string;
  steps: StepDraft[];
  cycle: TierCycle['anchor'];
  cycleMonth: number;
  cycleDay: number;
  household: boolean;
  baseSize: number;
  perPerson: string;
  partialCycle: Tiered['partialCycle'];
  /** A fixed fee in 元 as typed (`12.50`), sent as fen. */
  amountYuan: string;
  per: 'bill' | 'month';
  note: string;
}

export const MIN_STEPS = 2;
export const MAX_STEPS = 6;

const PRICE = /^\d{1,8}(\.\d{1,4})?$/;
const VOLUME = /^\d{1,11}(\.\d{1,3})?$/;
const YUAN = /^\d{1,6}(\.\d{1,2})?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The first day of the month after `today` (`2026-12-04` → `2027-01-01`): when a new price usually starts. */
export function nextMonthStart(today: string): string {
  const [y = 2000, m = 1] = today.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** `1250` → `12.50`. */
export function fenToYuanInput(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** `12.5` → `1250`, by text so that no float rounds it. */
export function yuanInputToFen(text: string): number {
  const [int = '0', frac = ''] = text.trim().split('.');
  return Number(int) * 100 + Number(frac.padEnd(2, '0').slice(0, 2));
}

/** A new version's form, starting from the prices now in force (the usual change is a few figures), or a blank ladder. */
export function newDraft(today: string, from: PriceVersionView | null = null): VersionDraft {
  const draft: VersionDraft = {
    effectiveFrom: nextMonthStart(today),
    model: 'tiered',
    unitPrice: '',
    steps: [
      { upTo: '', unitPrice: '' },
      { upTo: '', unitPrice: '' },
      { upTo: '', unitPrice: '' },
    ],
    cycle: 'calendar',
    cycleMonth: 1,
    cycleDay: 1,
    household: false,
    baseSize: 4,
    perPerson: '',
    partialCycle: 'months',
    amountYuan: '',
    per: 'bill',
    note: '',
  };
  const p = from?.pricing;
  if (!p) return draft;
  draft.model = p.model;
  if (p.model === 'flat') draft.unitPrice = p.unitPrice;
  if (p.model === 'fixed') {
    draft.amountYuan = fenToYuanInput(p.amountFen);
    draft.per = p.per;
  }
  if (p.model === 'tiered') {
    draft.steps = p.tiers.map((s) => ({ upTo: s.upTo ?? '', unitPrice: s.unitPrice }));
    draft.cycle = p.cycle.anchor;
    if (p.cycle.anchor === 'fixed') {
      draft.cycleMonth = p.cycle.month;
      draft.cycleDay = p.cycle.day;
    }
    draft.household = p.householdIncrement !== null;
    if (p.householdIncrement) {
      draft.baseSize = p.householdIncrement.baseSize;
      draft.perPerson = p.householdIncrement.perPerson;
    }
    draft.partialCycle = p.partialCycle;
  }
  return draft;
}

/** The dotted paths of a version's fields, under `prefix` (`versions.0.` in a new price list), for placing the server's issues. */
export function versionFields(draft: VersionDraft, prefix = ''): string[] {
  const fields = ['effectiveFrom', 'note', 'pricing', 'pricing.unitPrice', 'pricing.tiers', 'pricing.householdIncrement', 'pricing.amountFen', 'pricing.cycle'];
  draft.steps.forEach((_, i) => fields.push(`pricing.tiers.${i}.upTo`, `pricing.tiers.${i}.unitPrice`));
  return fields.map((f) => `${prefix}${f}`);
}

function tieredOf(draft: VersionDraft, errors: FieldErrors): Tiered {
  const steps = draft.steps;
  if (steps.length < MIN_STEPS || steps.length > MAX_STEPS) errors['pricing.tiers'] = t('billing.draft.steps', { min: MIN_STEPS, max: MAX_STEPS });
  let previous = 0;
  steps.forEach((s, i) => {
    if (!PRICE.test(s.unitPrice.trim())) errors[`pricing.tiers.${i}.unitPrice`] = t('billing.draft.price');
    if (i === steps.length - 1) return;
    const upTo = s.upTo.trim();
    if (!VOLUME.test(upTo) || Number(upTo) <= 0) errors[`pricing.tiers.${i}.upTo`] = t('billing.draft.volume');
    else if (Number(upTo) <= previous) errors[`pricing.tiers.${i}.upTo`] = t('billing.draft.rising', { previous });
    else previous = Number(upTo);
  });
  if (draft.household && (!VOLUME.test(draft.perPerson.trim()) || Number(draft.perPerson) <= 0)) errors['pricing.householdIncrement'] = t('billing.draft.volume');
  const cycle: TierCycle =
    draft.cycle === 'fixed' ? { anchor: 'fixed', month: Number(draft.cycleMonth), day: Number(draft.cycleDay) } : { anchor: draft.cycle };
  if (cycle.anchor === 'fixed' && (!(cycle.month >= 1 && cycle.month <= 12) || !(cycle.day >= 1 && cycle.day <= 28))) errors['pricing.cycle'] = t('billing.draft.cycleDay');
  return {
    model: 'tiered',
    tiers: steps.map((s, i) => ({ upTo: i === steps.length - 1 ? null : s.upTo.trim(), unitPrice: s.unitPrice.trim() })),
    cycle,
    householdIncrement: draft.household ? { baseSize: Number(draft.baseSize), perPerson: draft.perPerson.trim() } : null,
    partialCycle: draft.partialCycle,
  };
}

/**
 * The version the API takes, or what is wrong with the form, keyed by the same dotted paths the
 * server's issues use (`pricing.tiers.1.upTo`), so both land beside the same inputs.
 */
export function toVersionInput(draft: VersionDraft): { input: PriceVersionInput; errors: null } | { input: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (!DATE.test(draft.effectiveFrom)) errors.effectiveFrom = t('billing.draft.date');
  let pricing: Pricing;
  if (draft.model === 'flat') {
    if (!PRICE.test(draft.unitPrice.trim())) errors['pricing.unitPrice'] = t('billing.draft.price');
    pricing = { model: 'flat', unitPrice: draft.unitPrice.trim() };
  } else if (draft.model === 'fixed') {
    if (!YUAN.test(draft.amountYuan.trim())) errors['pricing.amountFen'] = t('billing.draft.amount');
    pricing = { model: 'fixed', amountFen: yuanInputToFen(draft.amountYuan), per: draft.per };
  } else {
    pricing = tieredOf(draft, errors);
  }
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { effectiveFrom: draft.effectiveFrom, pricing, note: draft.note.trim() }, errors: null };
}

/** Errors of a new price list's version fields put where the server names them (`versions.0.`). */
export function withPrefix(errors: FieldErrors, prefix: string): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${prefix}${k}`, v]));
}

/** Errors under a prefix (`versions.0.`) with it taken off, for the version fields of a new price list. */
export function withoutPrefix(errors: FieldErrors, prefix: string): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}
