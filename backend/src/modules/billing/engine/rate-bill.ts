import { Decimal } from 'decimal.js';
import { addDays, type BillingSettings, type BillLine, type ChargeKind, type DiscountForm, type ExplanationStep, type Pricing } from '@gasdesk/schema';
import { daysBetween, fromMilli, toMilli } from '../../readings/core/milli.ts';
import type { RateContext, RatedPart } from './pricing-model.ts';
import { pricingModel } from './pricing-models.ts';
import { roundFen, volumeFen } from './rounding.ts';
import { cutBefore, firstDayOf, slicePeriod, type Slice } from './slices.ts';

/** A price version as the engine needs it. */
export interface VersionValue {
  id: number;
  effectiveFrom: string;
  pricing: Pricing;
}

/** The prices of one charge kind for the account: its tariff's versions, or a contract's for gas. */
export interface ChargePlan {
  kind: ChargeKind;
  accountingCode: string;
  versions: readonly VersionValue[];
}

export interface DiscountValue {
  id: number;
  code: string;
  name: string;
  chargeKind: ChargeKind;
  categories: readonly string[];
  flags: readonly string[];
  validFrom: string | null;
  validTo: string | null;
  form: DiscountForm;
  accountingCode: string;
}

/** Everything one bill is rated from, loaded beforehand: the engine does no I/O. */
export interface BillInput {
  /** Reading dates: the bill covers the days `(from, to]`. */
  period: { from: string; to: string };
  /** m³ used in the period (one volume across a meter change). */
  volume: string;
  /** m³ used from `from` up to each reading inside the period: where a price change or cycle cuts, the reading decides the split. */
  interim: readonly { on: string; volume: string }[];
  provenance: readonly string[];
  account: { category: string; householdSize: number; openedOn: string; readingSchedule: string; flags: readonly string[] };
  charges: readonly ChargePlan[];
  /** m³ of gas billed earlier in the tier cycle that holds the period's first day, by the cycle's first day. */
  priorCycle: { start: string; volume: string } | null;
  discounts: readonly DiscountValue[];
  contract: { minimumMonthlyVolume: string | null } | null;
  settings: BillingSettings;
  /** The account's previous bill, for "why is this bill higher". */
  previous: { totalFen: number; volume: string; days: number } | null;
}

export interface RatedBill {
  lines: BillLine[];
  totalFen: number;
  volume: string;
  estimated: boolean;
  /** The gas tier cycle the period ends in and its use including this bill: the next bill's `priorCycle`. */
  cycle: { start: string; volume: string } | null;
  explanation: ExplanationStep[];
}

/** A bill that cannot be rated from what was loaded: the billing run reports it as skipped. */
export class RatingProblem extends Error {
  constructor(
    readonly reason: 'no_price',
    readonly params: Record<string, string>,
  ) {
    super(`${reason}: ${JSON.stringify(params)}`);
  }
}

const isVolumePriced = (pricing: Pricing) => pricing.model !== 'fixed';

/**
 * 计费引擎: rates one account's bill period. Each charge kind's period is cut where its price
 * version changes (and where a tier cycle ends), the volume is shared among the slices by
 * interim readings or days, each slice is priced by its version's pricing model, discounts come
 * after rating, and every line is rounded once. Deterministic: the same input gives the same bill.
 */
export function rateBill(input: BillInput): RatedBill {
  const { period, settings } = input;
  const days = daysBetween(period.from, period.to);
  const totalMilli = toMilli(input.volume);
  const interim = new Map(input.interim.map((r) => [r.on, toMilli(r.volume)]));
  const estimated = input.provenance.includes('estimated');
  const steps: ExplanationStep[] = [{ code: 'consumption', params: { volume: fromMilli(totalMilli), from: period.from, to: period.to, days } }];
  if (estimated) steps.push({ code: 'estimated', params: {} });
  if (input.provenance.includes('meter_change')) steps.push({ code: 'meter_change', params: {} });

  const lines: BillLine[] = [];
  const line = (kind: ChargeKind, accountingCode: string, slice: { from: string; to: string }, part: RatedPart, ids: { priceVersionId?: number; discountRuleId?: number }, role: BillLine['role'] = 'charge'): BillLine => ({
    chargeKind: kind,
    role,
    sliceFrom: slice.from,
    sliceTo: slice.to,
    tier: part.tier,
    volume: part.milli === null ? null : fromMilli(part.milli),
    unitPrice: part.unitPrice,
    unroundedFen: part.unroundedFen.toFixed(5),
    amountFen: roundFen(part.unroundedFen, settings.rounding),
    accountingCode,
    priceVersionId: ids.priceVersionId ?? null,
    discountRuleId: ids.discountRuleId ?? null,
  });

  let cycle: RatedBill['cycle'] = null;
  for (const plan of input.charges) {
    const versions = [...plan.versions].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
    const versionOn = (day: string) => {
      const v = versions.findLast((x) => firstDayOf(x.effectiveFrom, settings.boundaryDay) <= day);
      if (!v) throw new RatingProblem('no_price', { kind: plan.kind, on: day });
      return v;
    };
    const ctx: RateContext = {
      householdSize: input.account.householdSize,
      openedOn: input.account.openedOn,
      readingSchedule: input.account.readingSchedule,
      tierBlocks: settings.tierBlocks,
      periodMonths: Math.max(1, Math.round((days * 12) / 365)),
      cycleUse: new Map(plan.kind === 'gas' && input.priorCycle ? [[input.priorCycle.start, toMilli(input.priorCycle.volume)]] : []),
    };
    const tagged = (from: number) => steps.splice(from).map((s) => ({ ...s, params: { kind: plan.kind, ...s.params } }));
    const last = versionOn(period.to > period.from ? period.to : addDays(period.to, 1));
    if (!isVolumePriced(last.pricing)) {
      const mark = steps.length;
      const parts = pricingModel(last.pricing).rate(last.pricing, wholePeriod(period, days, totalMilli), ctx, steps);
      steps.push(...tagged(mark));
      lines.push(...parts.map((p) => line(plan.kind, plan.accountingCode, period, p, { priceVersionId: last.id })));
      continue;
    }
    const inPeriod = versions.filter((v) => firstDayOf(v.effectiveFrom, settings.boundaryDay) <= period.to);
    const cuts = [
      ...inPeriod.map((v) => cutBefore(v.effectiveFrom, settings.boundaryDay)),
      ...inPeriod.flatMap((v) => pricingModel(v.pricing).cuts(v.pricing, period.from, period.to, ctx)),
    ];
    const slices = days === 0 ? [wholePeriod(period, 0, totalMilli)] : slicePeriod(period.from, period.to, totalMilli, cuts, interim);
    for (const slice of slices) {
      const version = versionOn(addDays(slice.from, 1));
      const mark = steps.length;
      if (slices.length > 1) steps.push({ code: 'slice', params: { from: slice.from, to: slice.to, volume: fromMilli(slice.milli), basis: slice.basis, effectiveFrom: version.effectiveFrom } });
      const parts = pricingModel(version.pricing).rate(version.pricing, slice, ctx, steps);
      steps.push(...tagged(mark));
      lines.push(...parts.map((p) => line(plan.kind, plan.accountingCode, slice, p, { priceVersionId: version.id })));
    }
    if (plan.kind === 'gas' && ctx.cycleUse.size > 0) {
      const [start, used] = [...ctx.cycleUse].sort(([a], [b]) => a.localeCompare(b)).at(-1)!;
      cycle = { start, volume: fromMilli(used) };
    }
  }

  const minimum = input.contract?.minimumMonthlyVolume ? Math.round((toMilli(input.contract.minimumMonthlyVolume) * days * 12) / 365) : 0;
  const lastGas = lines.findLast((l) => l.chargeKind === 'gas' && l.unitPrice !== null);
  if (minimum > totalMilli && lastGas) {
    const shortfall = minimum - totalMilli;
    const part = { tier: null, milli: shortfall, unitPrice: lastGas.unitPrice, unroundedFen: volumeFen(shortfall, lastGas.unitPrice!) };
    lines.push(line('gas', lastGas.accountingCode, period, part, { priceVersionId: lastGas.priceVersionId ?? undefined }, 'minimum'));
    steps.push({ code: 'minimum', params: { minimum: fromMilli(minimum), shortfall: fromMilli(shortfall), amountFen: part.unroundedFen.toFixed(2) } });
  }

  for (const rule of [...input.discounts].sort((a, b) => a.code.localeCompare(b.code))) {
    if (!discountApplies(rule, input)) continue;
    const charged = lines.filter((l) => l.chargeKind === rule.chargeKind && l.role !== 'discount');
    const base = charged.reduce((sum, l) => sum + l.amountFen, 0);
    if (base <= 0) continue;
    const off = Decimal.min(discountValue(rule.form, charged), base);
    if (off.lte(0)) continue;
    const discount = line(rule.chargeKind, rule.accountingCode, period, { tier: null, milli: null, unitPrice: null, unroundedFen: off.neg() }, { discountRuleId: rule.id }, 'discount');
    lines.push(discount);
    steps.push({ code: 'discount', params: { kind: rule.chargeKind, name: rule.name, amountFen: -discount.amountFen } });
  }

  const totalFen = lines.reduce((sum, l) => sum + l.amountFen, 0);
  steps.push({ code: 'total', params: { amountFen: totalFen } });
  if (input.previous) steps.push(compared(input.previous, { totalFen, milli: totalMilli, days, lines, estimated }));
  return { lines, totalFen, volume: fromMilli(totalMilli), estimated, cycle, explanation: steps };
}

function wholePeriod(period: { from: string; to: string }, days: number, milli: number): Slice {
  return { from: period.from, to: period.to, days, milli, basis: 'interim' };
}

function discountApplies(rule: DiscountValue, input: BillInput): boolean {
  const { account, period } = input;
  if (rule.categories.length > 0 && !rule.categories.includes(account.category)) return false;
  if (!rule.flags.every((f) => account.flags.includes(f))) return false;
  if (rule.validFrom && period.to < rule.validFrom) return false;
  if (rule.validTo && period.to > rule.validTo) return false;
  return true;
}

/** The exact fen a discount takes off; free m³ are valued at the bill's own lines, earliest and lowest first. */
function discountValue(form: DiscountForm, charged: readonly BillLine[]): Decimal {
  if (form.type === 'fixed') return new Decimal(form.amountFen);
  const base = charged.reduce((sum, l) => sum + l.amountFen, 0);
  if (form.type === 'percent') return new Decimal(base).times(form.percent).div(100);
  let free = toMilli(form.volume);
  let value = new Decimal(0);
  for (const l of charged) {
    if (free <= 0 || l.volume === null || l.unitPrice === null) continue;
    const take = Math.min(free, toMilli(l.volume));
    value = value.plus(volumeFen(take, l.unitPrice));
    free -= take;
  }
  return value;
}

/** Why this bill differs from the last, in the reasons an agent gives: more gas, a longer period, a higher tier, a new price, an estimate. */
function compared(previous: NonNullable<BillInput['previous']>, now: { totalFen: number; milli: number; days: number; lines: readonly BillLine[]; estimated: boolean }): ExplanationStep {
  const reasons: string[] = [];
  if (now.milli > toMilli(previous.volume)) reasons.push('more_volume');
  if (now.days > previous.days) reasons.push('more_days');
  if (now.lines.some((l) => l.role === 'charge' && l.chargeKind === 'gas' && (l.tier ?? 1) > 1 && l.volume !== '0.000')) reasons.push('higher_tier');
  if (new Set(now.lines.filter((l) => l.chargeKind === 'gas').map((l) => l.priceVersionId)).size > 1) reasons.push('price_change');
  if (now.estimated) reasons.push('estimated');
  return { code: 'compared', params: { previousFen: previous.totalFen, previousVolume: previous.volume, previousDays: previous.days, differenceFen: now.totalFen - previous.totalFen, reasons: reasons.join(',') } };
}
