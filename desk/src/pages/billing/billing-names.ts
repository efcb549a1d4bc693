import type { AccountFlag, BillingRunView, BillLine, BillView, ChargeKind, ExplanationStep, PricingModelName, RoundingMode, SkipReason } from '@gasdesk/schema';
import { formatYuan } from '../../lib/format.ts';
import { isMessageKey, t } from '../../lib/i18n.svelte.ts';

/*
 * Billing's closed vocabularies and the wording of a bill's explanation. Keys are built from the
 * schema's enums, so a new charge kind, skip reason or explanation code without words fails the
 * type check.
 */
export const chargeKindName = (v: ChargeKind): string => t(`billing.chargeKind.${v}`);
export const skipReasonName = (v: SkipReason): string => t(`billing.skip.${v}`);
export const modelName = (v: PricingModelName): string => t(`billing.model.${v}`);
export const roundingName = (v: RoundingMode): string => t(`billing.rounding.${v}`);
export const flagName = (v: AccountFlag): string => t(`billing.flag.${v}`);
export const billStatusName = (v: BillView['status']): string => t(`billing.billStatus.${v}`);

/** What a run covers: one book, the books on one reading schedule, both, or the whole company. */
export function runScopeName(run: Pick<BillingRunView, 'bookCode' | 'schedule'>): string {
  const cycle = run.schedule ? t('billing.run.scheduleBooks', { schedule: t(`schedule.${run.schedule}`) }) : null;
  if (!run.bookCode) return cycle ?? t('billing.run.allBooks');
  const book = t('billing.run.book', { code: run.bookCode });
  return cycle ? `${book} · ${cycle}` : book;
}

/** A charge kind that arrives as a plain string (explanation params, run totals); unknown ones show as sent. */
export function kindText(kind: string | number | undefined): string {
  const key = `billing.chargeKind.${String(kind ?? '')}`;
  return isMessageKey(key) ? t(key) : String(kind ?? '');
}

/** Fen as money with its unit in the reader's language: `520800` → `5,208.00 元` (English `¥5,208.00`). */
export function yuan(fen: number): string {
  return t('billing.yuan', { amount: formatYuan(fen) });
}

/**
 * An exact fen amount written as a decimal string (`"5208.50000"`, a line before its rounding) in
 * yuan, moved two places by text so nothing is lost: `52.085`. At least two decimals.
 */
export function fenTextToYuan(fen: string | number): string {
  const text = String(fen).trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const [, sign, int = '0', frac = ''] = m;
  const padded = int.padStart(3, '0');
  const whole = padded.slice(0, -2).replace(/^0+(?=\d)/, '');
  const decimals = `${padded.slice(-2)}${frac}`.replace(/0+$/, '').padEnd(2, '0');
  const zero = /^0+$/.test(`${whole}${decimals}`);
  return `${sign && !zero ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${decimals}`;
}

/** A unit price in 元/m³ without padding beyond two decimals: `3.7200` → `3.72`, `2.4567` stays. */
export function priceText(unitPrice: string | number): string {
  const text = String(unitPrice);
  const [int = '0', frac = ''] = text.split('.');
  return `${int}.${frac.replace(/0+$/, '').padEnd(2, '0')}`;
}

/** A bill line's place in its slice: the tier, a flat or fixed charge, a discount or a contract minimum. */
export function lineLabel(line: BillLine): string {
  if (line.role === 'discount') return t('billing.line.discount');
  if (line.role === 'minimum') return t('billing.line.minimum');
  if (line.tier !== null) return t('billing.line.tier', { tier: line.tier });
  return line.volume === null ? t('billing.line.fee') : t('billing.line.flat');
}

const REASONS = ['more_volume', 'more_days', 'higher_tier', 'price_change', 'estimated'] as const;

function reasonsText(reasons: string): string {
  const words = reasons
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => ((REASONS as readonly string[]).includes(r) ? t(`billing.reason.${r as (typeof REASONS)[number]}`) : r));
  return words.join(t('billing.listSeparator'));
}

function str(v: string | number | undefined): string {
  return v === undefined ? '' : String(v);
}

/**
 * What a priced step comes to: the amount of the bill line it produced (rounded once, as billed),
 * else the step's exact amount. A step carries the amount before rounding (`774.07` fen); the
 * caller hears the 7.74 元 on the bill.
 */
function stepAmount(step: ExplanationStep, lines: readonly BillLine[]): string {
  const p = step.params;
  const sameKind = (l: BillLine) => p.kind === undefined || l.chargeKind === p.kind;
  const samePrice = (l: BillLine) => l.unitPrice !== null && p.unitPrice !== undefined && Number(l.unitPrice) === Number(p.unitPrice);
  let line: BillLine | undefined;
  if (step.code === 'tier') line = lines.find((l) => l.role === 'charge' && sameKind(l) && l.tier === Number(p.tier) && l.volume === String(p.volume) && samePrice(l));
  else if (step.code === 'flat') line = lines.find((l) => l.role === 'charge' && sameKind(l) && l.tier === null && l.volume === String(p.volume) && samePrice(l));
  else if (step.code === 'fixed') line = lines.find((l) => l.role === 'charge' && sameKind(l) && l.volume === null);
  else if (step.code === 'minimum') line = lines.find((l) => l.role === 'minimum');
  return line ? formatYuan(line.amountFen) : fenTextToYuan(str(p.amountFen));
}

/**
 * One explanation step as a sentence an agent can read to a caller: `第2档 14.000 m³ × 3.72 元 =
 * 52.08 元`. The figures are the bill's own; only the words come from the catalogue. `lines` are
 * the bill's, so that a priced step says the amount as billed.
 */
export function explainStep(step: ExplanationStep, lines: readonly BillLine[] = []): string {
  const p = step.params;
  switch (step.code) {
    case 'consumption':
      return t('billing.explain.consumption', { volume: str(p.volume), from: str(p.from), to: str(p.to), days: str(p.days) });
    case 'estimated':
      return t('billing.explain.estimated');
    case 'meter_change':
      return t('billing.explain.meter_change');
    case 'slice':
      return t('billing.explain.slice', {
        from: str(p.from),
        to: str(p.to),
        volume: str(p.volume),
        effectiveFrom: str(p.effectiveFrom),
        basis: p.basis === 'interim' ? t('billing.explain.basisInterim') : t('billing.explain.basisDays'),
      });
    case 'cycle':
      return t('billing.explain.cycle', { start: str(p.start), prior: str(p.prior), bounds: str(p.bounds) });
    case 'household':
      return t('billing.explain.household', { size: str(p.size), extra: str(p.extra) });
    case 'partial_cycle':
      return t('billing.explain.partial_cycle', { openedOn: str(p.openedOn), share: str(p.share) });
    case 'tier':
      return t('billing.explain.tier', { tier: str(p.tier), volume: str(p.volume), price: priceText(str(p.unitPrice)), amount: stepAmount(step, lines) });
    case 'flat':
      return t('billing.explain.flat', { volume: str(p.volume), price: priceText(str(p.unitPrice)), amount: stepAmount(step, lines) });
    case 'fixed':
      return Number(p.months) > 1
        ? t('billing.explain.fixedMonths', { kind: kindText(p.kind), months: str(p.months), amount: stepAmount(step, lines) })
        : t('billing.explain.fixed', { kind: kindText(p.kind), amount: stepAmount(step, lines) });
    case 'minimum':
      return t('billing.explain.minimum', { minimum: str(p.minimum), shortfall: str(p.shortfall), amount: stepAmount(step, lines) });
    case 'discount':
      return t('billing.explain.discount', { name: str(p.name), kind: kindText(p.kind), amount: fenTextToYuan(Math.abs(Number(p.amountFen)) || str(p.amountFen)) });
    case 'total':
      return t('billing.explain.total', { amount: fenTextToYuan(str(p.amountFen)) });
    case 'compared':
      return comparedText(p);
  }
}

function comparedText(p: ExplanationStep['params']): string {
  const diff = Number(p.differenceFen);
  const change = !Number.isFinite(diff)
    ? ''
    : diff > 0
      ? t('billing.explain.more', { amount: fenTextToYuan(diff) })
      : diff < 0
        ? t('billing.explain.less', { amount: fenTextToYuan(-diff) })
        : t('billing.explain.same');
  const vars = { previous: fenTextToYuan(str(p.previousFen)), previousVolume: str(p.previousVolume), previousDays: str(p.previousDays), change };
  const reasons = reasonsText(str(p.reasons));
  return reasons ? t('billing.explain.compared', { ...vars, reasons }) : t('billing.explain.comparedNoReason', vars);
}

/** The explanation in paragraphs: steps of one charge kind together, headed by the kind when a bill has several. */
export function explanationGroups(steps: readonly ExplanationStep[], lines: readonly BillLine[] = []): { kind: string | null; sentences: string[] }[] {
  const kinds = new Set(steps.map((s) => s.params.kind).filter((k) => k !== undefined));
  const summary = t('billing.explain.summary');
  const groups: { kind: string | null; sentences: string[] }[] = [];
  let kindSeen = false;
  for (const step of steps) {
    const own = kinds.size > 1 && step.params.kind !== undefined && step.code !== 'discount' ? kindText(step.params.kind) : null;
    kindSeen ||= own !== null;
    // What follows the charge kinds (discounts, the total, the comparison) is headed apart, or it would read as the last kind's.
    const kind = own ?? (kindSeen ? summary : null);
    const last = groups.at(-1);
    if (last && last.kind === kind) last.sentences.push(explainStep(step, lines));
    else groups.push({ kind, sentences: [explainStep(step, lines)] });
  }
  return groups;
}
