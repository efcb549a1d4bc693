import type { DiscountRuleInput, Pricing, TariffCreate, UserCategory } from '@gasdesk/schema';

/** Whose price notices a demo company follows: Hangzhou's one residential ladder, or Beijing's ladders by category. */
export type DemoPriceStyle = 'hangzhou' | 'beijing';

export interface DemoPriceDates {
  /** On or before the company's first install reading: the first bill of an older account runs from its install. */
  base: string;
  /** 1 January of the demo year. */
  newYear: string;
  /** 1 July of the demo year. */
  midYear: string;
}

/** The categories billed as households: a ladder for gas, and the monthly service fee. */
export const RESIDENTIAL_CATEGORIES: readonly UserCategory[] = ['residential_general', 'wall_boiler_heating', 'rural_heating'];

/** 科目代码 of the demo chart of accounts. */
const CODES = { residentialGas: '6001.01', service: '6001.02', otherGas: '6001.03', discount: '6001.09' };

const ladder = (bounds: readonly [string, string], prices: readonly [string, string, string], style: DemoPriceStyle): Pricing => ({
  model: 'tiered',
  tiers: [
    { upTo: bounds[0], unitPrice: prices[0] },
    { upTo: bounds[1], unitPrice: prices[1] },
    { upTo: null, unitPrice: prices[2] },
  ],
  cycle: { anchor: 'calendar' },
  householdIncrement: style === 'hangzhou' ? { baseSize: 4, perPerson: '60' } : null,
  // The second company prorates a joined cycle by days, so the demo shows both bases the engine knows.
  partialCycle: style === 'hangzhou' ? 'months' : 'days',
});

const flat = (unitPrice: string): Pricing => ({ model: 'flat', unitPrice });

const gas = (code: string, name: string, category: UserCategory, versions: TariffCreate['versions']): TariffCreate => ({
  code,
  name,
  category,
  chargeKind: 'gas',
  accountingCode: RESIDENTIAL_CATEGORIES.includes(category) ? CODES.residentialGas : CODES.otherGas,
  versions,
});

/** The Hangzhou ladder and the demo year's notice: every tier 0.20 元 dearer from 1 July. */
const HANGZHOU_BOUNDS = ['276', '480'] as const;
const HANGZHOU_PRICES = ['3.10', '3.72', '4.65'] as const;
const HANGZHOU_JULY_PRICES = ['3.30', '3.92', '4.85'] as const;

const BEIJING_PRICES = ['2.61', '2.83', '4.23'] as const;
const BEIJING_NOTICE = '京发改〔2019〕1543号';

/**
 * The price lists of a demo company: gas for every user category (so no account is skipped for
 * want of a price) and a monthly service fee for households. Notice numbers of the demo year are
 * made up.
 */
export function demoTariffs(style: DemoPriceStyle, dates: DemoPriceDates): TariffCreate[] {
  const year = dates.midYear.slice(0, 4);
  const service = RESIDENTIAL_CATEGORIES.map(
    (category, i): TariffCreate => ({
      code: `${['RES', 'WBH', 'RUR'][i]}-SVC`,
      name: '燃气服务费',
      category,
      chargeKind: 'service',
      accountingCode: CODES.service,
      versions: [{ effectiveFrom: dates.base, pricing: { model: 'fixed', amountFen: 200, per: 'month' }, note: '' }],
    }),
  );
  if (style === 'hangzhou') {
    const residential: TariffCreate['versions'] = [
      { effectiveFrom: dates.base, pricing: ladder(HANGZHOU_BOUNDS, HANGZHOU_PRICES, style), note: '杭州市居民生活用气阶梯价格' },
      { effectiveFrom: dates.midYear, pricing: ladder(HANGZHOU_BOUNDS, HANGZHOU_JULY_PRICES, style), note: `杭发改价格〔${year}〕18号` },
    ];
    return [
      // Hangzhou has one household ladder, heating or not.
      gas('RES-GAS', '居民生活用气', 'residential_general', residential),
      gas('WBH-GAS', '壁挂炉采暖用气', 'wall_boiler_heating', residential),
      gas('RUR-GAS', '农村煤改气采暖用气', 'rural_heating', residential),
      // Schools and welfare homes pay 1.1 × tier 1, so they follow the July notice too.
      gas('PWF-GAS', '学校、福利院等公益用气', 'public_welfare', [
        { effectiveFrom: dates.base, pricing: flat('3.41'), note: '居民第一档价格 × 1.1' },
        { effectiveFrom: dates.midYear, pricing: flat('3.63'), note: `杭发改价格〔${year}〕18号` },
      ]),
      gas('COM-GAS', '商业用气', 'commercial', [
        { effectiveFrom: dates.base, pricing: flat('4.20'), note: '非居民用气价格' },
        { effectiveFrom: dates.newYear, pricing: flat('4.35'), note: `杭发改价格〔${year}〕3号` },
      ]),
      gas('IND-GAS', '工业用气', 'industrial', [{ effectiveFrom: dates.base, pricing: flat('3.90'), note: '非居民用气价格' }]),
      ...service,
    ];
  }
  const beijing = (bounds: readonly [string, string]): TariffCreate['versions'] => [{ effectiveFrom: dates.base, pricing: ladder(bounds, BEIJING_PRICES, style), note: BEIJING_NOTICE }];
  return [
    gas('RES-GAS', '居民生活用气', 'residential_general', beijing(['350', '500'])),
    gas('WBH-GAS', '壁挂炉采暖用气', 'wall_boiler_heating', beijing(['1500', '2500'])),
    gas('RUR-GAS', '农村煤改气采暖用气', 'rural_heating', beijing(['2500', '3000'])),
    gas('PWF-GAS', '学校、福利院等公益用气', 'public_welfare', [{ effectiveFrom: dates.base, pricing: flat('2.87'), note: '居民第一档价格 × 1.1' }]),
    gas('COM-GAS', '商业用气', 'commercial', [{ effectiveFrom: dates.base, pricing: flat('3.95'), note: '非居民用气价格' }]),
    gas('IND-GAS', '工业用气', 'industrial', [{ effectiveFrom: dates.base, pricing: flat('3.70'), note: '非居民用气价格' }]),
    ...service,
  ];
}

/** 低保户 relief on household gas: 10 % off in the first company, 10 m³ free on each (monthly) bill in the second. */
export function demoLowIncomeRule(style: DemoPriceStyle): DiscountRuleInput {
  return {
    code: 'LOW-INCOME',
    name: style === 'hangzhou' ? '低保户气费九折' : '低保户每月免费 10 m³',
    chargeKind: 'gas',
    categories: [...RESIDENTIAL_CATEGORIES],
    flags: ['low_income'],
    validFrom: null,
    validTo: null,
    form: style === 'hangzhou' ? { type: 'percent', percent: '10' } : { type: 'free_volume', volume: '10' },
    accountingCode: CODES.discount,
  };
}

/** About one household in 25 is 低保户; chosen by account id so that every demo database flags the same ones. */
export const isDemoLowIncome = (accountId: number) => accountId % 25 === 11;

/**
 * The dates the demo's prices hang on, for the twelve billed months `periods` (oldest first) and
 * the company's earliest reading: the demo year is the one holding the July among them.
 */
export function demoPriceDates(periods: readonly string[], earliestReading: string): DemoPriceDates {
  const year = Number(periods.find((p) => p.endsWith('-07'))!.slice(0, 4));
  // A year before the demo year at the latest, so the base never shares a date with the year's notices.
  const baseYear = Math.min(Number(earliestReading.slice(0, 4)), year - 1);
  return { base: `${baseYear}-01-01`, newYear: `${year}-01-01`, midYear: `${year}-07-01` };
}
