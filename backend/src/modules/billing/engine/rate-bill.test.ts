import { expect } from 'chai';
import fc from 'fast-check';
import { DEFAULT_BILLING_SETTINGS, type BillingSettings, type Pricing } from '@gasdesk/schema';
import { rateBill, RatingProblem, type BillInput, type ChargePlan, type DiscountValue } from './rate-bill.ts';

/** Hangzhou's residential ladder: 276 / 480 m³ a calendar year at 3.10 / 3.72 / 4.65, +60 m³ a bound per person above 4. */
const HANGZHOU: Pricing = {
  model: 'tiered',
  tiers: [
    { upTo: '276', unitPrice: '3.10' },
    { upTo: '480', unitPrice: '3.72' },
    { upTo: null, unitPrice: '4.65' },
  ],
  cycle: { anchor: 'calendar' },
  householdIncrement: { baseSize: 4, perPerson: '60' },
  partialCycle: 'months',
};
const RAISED: Pricing = { ...HANGZHOU, tiers: [{ upTo: '276', unitPrice: '3.30' }, { upTo: '480', unitPrice: '3.96' }, { upTo: null, unitPrice: '4.95' }] };
const gas = (...versions: [number, string, Pricing][]): ChargePlan => ({ kind: 'gas', accountingCode: '6001.01', versions: versions.map(([id, effectiveFrom, pricing]) => ({ id, effectiveFrom, pricing })) });

function bill(over: Partial<BillInput> & { from: string; to: string; volume: string }): BillInput {
  const { from, to, ...rest } = over;
  return {
    period: { from, to },
    interim: [],
    provenance: ['actual'],
    account: { category: 'residential_general', householdSize: 3, openedOn: '2020-01-01', readingSchedule: 'monthly', flags: [] },
    charges: [gas([1, '2020-01-01', HANGZHOU])],
    priorCycle: null,
    discounts: [],
    contract: null,
    settings: DEFAULT_BILLING_SETTINGS,
    previous: null,
    ...rest,
  };
}

/** The lines as `[from, to, tier, volume, unit price, fen]`, the way a breakdown is read. */
const breakdown = (input: BillInput) => rateBill(input).lines.map((l) => [l.sliceFrom, l.sliceTo, l.tier, l.volume, l.unitPrice, l.amountFen]);

describe('the rating engine', () => {
  describe('tiered residential gas, table-driven', () => {
    const cases: { name: string; input: BillInput; lines: unknown[][]; cycle?: { start: string; volume: string } }[] = [
      {
        name: 'should bill nothing, on the step the cycle stands on, when no gas was used',
        input: bill({ from: '2026-03-01', to: '2026-04-01', volume: '0', priorCycle: { start: '2026-01-01', volume: '280' } }),
        lines: [['2026-03-01', '2026-04-01', 2, '0.000', '3.72', 0]],
        cycle: { start: '2026-01-01', volume: '280.000' },
      },
      {
        name: 'should price every m³ at tier 1 when the cycle stays inside it',
        input: bill({ from: '2026-03-01', to: '2026-04-01', volume: '30', priorCycle: { start: '2026-01-01', volume: '100' } }),
        lines: [['2026-03-01', '2026-04-01', 1, '30.000', '3.10', 9300]],
        cycle: { start: '2026-01-01', volume: '130.000' },
      },
      {
        name: 'should split the volume at 276 m³ when the cycle crosses from tier 1 to 2',
        input: bill({ from: '2026-09-01', to: '2026-10-01', volume: '30', priorCycle: { start: '2026-01-01', volume: '260' } }),
        lines: [
          ['2026-09-01', '2026-10-01', 1, '16.000', '3.10', 4960],
          ['2026-09-01', '2026-10-01', 2, '14.000', '3.72', 5208],
        ],
      },
      {
        name: 'should split the volume at 480 m³ when the cycle crosses from tier 2 to 3',
        input: bill({ from: '2026-11-01', to: '2026-12-01', volume: '30', priorCycle: { start: '2026-01-01', volume: '470' } }),
        lines: [
          ['2026-11-01', '2026-12-01', 2, '10.000', '3.72', 3720],
          ['2026-11-01', '2026-12-01', 3, '20.000', '4.65', 9300],
        ],
      },
      {
        name: 'should cross both bounds in one bill when prior use and this use span them',
        input: bill({ from: '2026-01-01', to: '2026-03-01', volume: '220', priorCycle: { start: '2026-01-01', volume: '270' } }),
        lines: [
          ['2026-01-01', '2026-03-01', 1, '6.000', '3.10', 1860],
          ['2026-01-01', '2026-03-01', 2, '204.000', '3.72', 75888],
          ['2026-01-01', '2026-03-01', 3, '10.000', '4.65', 4650],
        ],
      },
      {
        name: 'should start the new cycle empty when the period runs over 1 January',
        input: bill({ from: '2026-12-01', to: '2027-01-01', volume: '31', priorCycle: { start: '2026-01-01', volume: '270' } }),
        lines: [
          ['2026-12-01', '2026-12-31', 1, '6.000', '3.10', 1860],
          ['2026-12-01', '2026-12-31', 2, '24.000', '3.72', 8928],
          ['2026-12-31', '2027-01-01', 1, '1.000', '3.10', 310],
        ],
        cycle: { start: '2027-01-01', volume: '1.000' },
      },
      {
        name: 'should share the volume by days, the boundary day at the old price, when the price changes mid-period without a reading',
        input: bill({ from: '2026-06-15', to: '2026-07-15', volume: '60', charges: [gas([1, '2020-01-01', HANGZHOU], [2, '2026-07-01', RAISED])] }),
        lines: [
          ['2026-06-15', '2026-07-01', 1, '32.000', '3.10', 9920],
          ['2026-07-01', '2026-07-15', 1, '28.000', '3.30', 9240],
        ],
      },
      {
        name: 'should give the effective day to the new price when the company counts the boundary day later',
        input: bill({ from: '2026-06-15', to: '2026-07-15', volume: '60', charges: [gas([1, '2020-01-01', HANGZHOU], [2, '2026-07-01', RAISED])], settings: { ...DEFAULT_BILLING_SETTINGS, boundaryDay: 'later' } }),
        lines: [
          ['2026-06-15', '2026-06-30', 1, '30.000', '3.10', 9300],
          ['2026-06-30', '2026-07-15', 1, '30.000', '3.30', 9900],
        ],
      },
      {
        name: 'should split at the interim reading when one was taken on the change',
        input: bill({ from: '2026-06-15', to: '2026-07-15', volume: '60', interim: [{ on: '2026-07-01', volume: '20' }], charges: [gas([1, '2020-01-01', HANGZHOU], [2, '2026-07-01', RAISED])] }),
        lines: [
          ['2026-06-15', '2026-07-01', 1, '20.000', '3.10', 6200],
          ['2026-07-01', '2026-07-15', 1, '40.000', '3.30', 13200],
        ],
      },
      {
        name: 'should raise every bound by 60 m³ a person above four when the household has six',
        input: bill({ from: '2026-10-01', to: '2026-11-01', volume: '30', account: { category: 'residential_general', householdSize: 6, openedOn: '2020-01-01', readingSchedule: 'monthly', flags: [] }, priorCycle: { start: '2026-01-01', volume: '380' } }),
        lines: [
          ['2026-10-01', '2026-11-01', 1, '16.000', '3.10', 4960],
          ['2026-10-01', '2026-11-01', 2, '14.000', '3.72', 5208],
        ],
      },
      {
        name: 'should scale the bounds to the months left when the account opened part-way through the cycle',
        input: bill({ from: '2026-07-10', to: '2026-08-10', volume: '150', account: { category: 'residential_general', householdSize: 3, openedOn: '2026-07-10', readingSchedule: 'monthly', flags: [] } }),
        lines: [
          ['2026-07-10', '2026-08-10', 1, '138.000', '3.10', 42780],
          ['2026-07-10', '2026-08-10', 2, '12.000', '3.72', 4464],
        ],
      },
      {
        name: 'should rate a meter change as one volume against the tiers',
        input: bill({ from: '2026-09-01', to: '2026-10-01', volume: '20', provenance: ['actual', 'meter_change'], priorCycle: { start: '2026-01-01', volume: '270' } }),
        lines: [
          ['2026-09-01', '2026-10-01', 1, '6.000', '3.10', 1860],
          ['2026-09-01', '2026-10-01', 2, '14.000', '3.72', 5208],
        ],
      },
      {
        name: 'should start the cycle in November when the tier cycle follows an odd-month reading book',
        input: bill({
          from: '2026-09-20',
          to: '2026-11-20',
          volume: '61',
          charges: [gas([1, '2020-01-01', { ...HANGZHOU, cycle: { anchor: 'reading_schedule' } }])],
          account: { category: 'residential_general', householdSize: 3, openedOn: '2020-01-01', readingSchedule: 'odd_months', flags: [] },
          priorCycle: { start: '2025-11-01', volume: '300' },
        }),
        lines: [
          ['2026-09-20', '2026-10-31', 2, '41.000', '3.72', 15252],
          ['2026-10-31', '2026-11-20', 1, '20.000', '3.10', 6200],
        ],
        cycle: { start: '2026-11-01', volume: '20.000' },
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        expect(breakdown(c.input)).to.deep.equal(c.lines);
        const rated = rateBill(c.input);
        expect(rated.totalFen).to.equal(c.lines.reduce((sum, l) => sum + (l[5] as number), 0));
        if (c.cycle) expect(rated.cycle).to.deep.equal(c.cycle);
      });
    }
  });

  it('should true up an estimated period when the actual reading comes: the two bills cost what the whole would', () => {
    const estimated = rateBill(bill({ from: '2026-09-01', to: '2026-10-01', volume: '30', provenance: ['estimated'], priorCycle: { start: '2026-01-01', volume: '250' } }));
    expect(estimated.estimated).to.equal(true);
    expect(estimated.explanation.map((s) => s.code)).to.include('estimated');
    // The register shows 40 m³ over both periods: the next bill counts from the estimate, 10 m³.
    const actual = rateBill(bill({ from: '2026-10-01', to: '2026-11-01', volume: '10', priorCycle: estimated.cycle }));
    const whole = rateBill(bill({ from: '2026-09-01', to: '2026-11-01', volume: '40', priorCycle: { start: '2026-01-01', volume: '250' } }));
    expect(estimated.totalFen + actual.totalFen).to.equal(whole.totalFen);
    expect(actual.lines.map((l) => [l.tier, l.volume])).to.deep.equal([[2, '10.000']]);
  });

  describe('rounding once per line at half a fen', () => {
    const halfFen = (rounding: BillingSettings['rounding']) =>
      rateBill(bill({ from: '2026-03-01', to: '2026-04-01', volume: '1', charges: [gas([1, '2020-01-01', { model: 'flat', unitPrice: '3.1050' }])], settings: { ...DEFAULT_BILLING_SETTINGS, rounding: rounding } })).lines[0]!;
    const table: [BillingSettings['rounding'], number][] = [['half_up', 311], ['half_even', 310], ['down', 310], ['up', 311]];
    for (const [mode, fen] of table) {
      it(`should make 310.5 fen ${fen} when the mode is ${mode}`, () => {
        expect(halfFen(mode)).to.deep.include({ unroundedFen: '310.50000', amountFen: fen });
      });
    }
  });

  it('should charge fees per whole month of the period and take discounts off after rating', () => {
    const lowIncome: DiscountValue = { id: 7, code: 'D1', name: '低保减免', chargeKind: 'gas', categories: ['residential_general'], flags: ['low_income'], validFrom: '2026-01-01', validTo: null, form: { type: 'free_volume', volume: '10' }, accountingCode: '6001.09' };
    const service: DiscountValue = { ...lowIncome, id: 8, code: 'D2', name: '服务费九折', chargeKind: 'service', flags: [], form: { type: 'percent', percent: '10' } };
    const input = bill({
      from: '2026-09-01',
      to: '2026-11-01',
      volume: '40',
      priorCycle: { start: '2026-01-01', volume: '270' },
      account: { category: 'residential_general', householdSize: 3, openedOn: '2020-01-01', readingSchedule: 'even_months', flags: ['low_income'] },
      charges: [gas([1, '2020-01-01', HANGZHOU]), { kind: 'service', accountingCode: '6001.02', versions: [{ id: 3, effectiveFrom: '2020-01-01', pricing: { model: 'fixed', amountFen: 250, per: 'month' } }] }],
      discounts: [service, lowIncome, { ...lowIncome, id: 9, code: 'D3', flags: ['veteran'] }],
    });
    const rated = rateBill(input);
    expect(rated.lines.map((l) => [l.chargeKind, l.role, l.volume, l.amountFen, l.accountingCode])).to.deep.equal([
      ['gas', 'charge', '6.000', 1860, '6001.01'],
      ['gas', 'charge', '34.000', 12648, '6001.01'],
      ['service', 'charge', null, 500, '6001.02'],
      // 10 free m³: 6 at 3.10 and 4 at 3.72.
      ['gas', 'discount', null, -3348, '6001.09'],
      ['service', 'discount', null, -50, '6001.09'],
    ]);
    expect(rated.totalFen).to.equal(1860 + 12648 + 500 - 3348 - 50);
    expect(rated.explanation.filter((s) => s.code === 'discount').map((s) => s.params.name)).to.deep.equal(['低保减免', '服务费九折']);
  });

  it('should charge the shortfall at the contract price when a commercial account used less than its minimum', () => {
    const rated = rateBill(bill({ from: '2026-03-01', to: '2026-03-31', volume: '800', charges: [gas([5, '2026-01-01', { model: 'flat', unitPrice: '3.8500' }])], contract: { minimumMonthlyVolume: '1000' } }));
    // 1,000 m³ a month over 30 days = 986.301 m³.
    expect(rated.lines.map((l) => [l.role, l.volume, l.amountFen])).to.deep.equal([
      ['charge', '800.000', 308000],
      ['minimum', '186.301', 71726],
    ]);
  });

  it('should say why the bill is higher than the last one', () => {
    const rated = rateBill(bill({ from: '2026-06-15', to: '2026-07-20', volume: '60', charges: [gas([1, '2020-01-01', HANGZHOU], [2, '2026-07-01', RAISED])], priorCycle: { start: '2026-01-01', volume: '250' }, previous: { totalFen: 9300, volume: '30', days: 30 } }));
    expect(rated.explanation.at(-1)).to.deep.equal({ code: 'compared', params: { previousFen: 9300, previousVolume: '30', previousDays: 30, differenceFen: rated.totalFen - 9300, reasons: 'more_volume,more_days,higher_tier,price_change' } });
    expect(rated.explanation.map((s) => s.code)).to.deep.equal(['consumption', 'slice', 'cycle', 'tier', 'tier', 'slice', 'cycle', 'tier', 'total', 'compared']);
  });

  it('should refuse to rate a period no price covers', () => {
    expect(() => rateBill(bill({ from: '2019-11-01', to: '2019-12-01', volume: '5' }))).to.throw(RatingProblem, 'no_price');
  });

  describe('properties', () => {
    const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const milliVolume = fc.integer({ min: 0, max: 900_000 }).map((m) => (m / 1000).toFixed(3));

    it('should change the total by no more than the rounding of its lines when a period is split at a reading', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 59 }), milliVolume, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 100 }), (start, length, cutAt, volume, priorM3, sharePercent) => {
          const cut = Math.min(cutAt, length - 1);
          const [from, middle, to] = [day(start), day(start + cut), day(start + length)];
          const firstMilli = Math.floor((Math.round(Number(volume) * 1000) * sharePercent) / 100);
          const prior = { start: `${from.slice(0, 4)}-01-01`, volume: String(priorM3) };
          const charges = [gas([1, '2020-01-01', HANGZHOU], [2, '2026-07-01', RAISED])];
          const whole = rateBill(bill({ from, to, volume, interim: [{ on: middle, volume: (firstMilli / 1000).toFixed(3) }], priorCycle: prior, charges }));
          const first = rateBill(bill({ from, to: middle, volume: (firstMilli / 1000).toFixed(3), priorCycle: prior, charges }));
          const second = rateBill(bill({ from: middle, to, volume: ((Math.round(Number(volume) * 1000) - firstMilli) / 1000).toFixed(3), priorCycle: first.cycle, charges }));
          const lines = whole.lines.length + first.lines.length + second.lines.length;
          expect(Math.abs(whole.totalFen - (first.totalFen + second.totalFen))).to.be.at.most(lines / 2);
        }),
      );
    });

    it('should never charge less for more gas', () => {
      fc.assert(
        fc.property(milliVolume, milliVolume, fc.integer({ min: 0, max: 700 }), (a, b, priorM3) => {
          const [low, high] = Number(a) <= Number(b) ? [a, b] : [b, a];
          const rate = (volume: string) => rateBill(bill({ from: '2026-03-01', to: '2026-05-01', volume, priorCycle: { start: '2026-01-01', volume: String(priorM3) } })).totalFen;
          expect(rate(low)).to.be.at.most(rate(high));
        }),
      );
    });

    it('should rate the same input to the same bill', () => {
      fc.assert(
        fc.property(milliVolume, fc.integer({ min: 0, max: 365 }), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 9 }), (volume, start, length, persons) => {
          const input = bill({ from: day(start), to: day(start + length), volume, charges: [gas([1, '2020-01-01', HANGZHOU], [2, '2026-07-01', RAISED])], account: { category: 'residential_general', householdSize: persons, openedOn: '2026-02-10', readingSchedule: 'monthly', flags: [] } });
          expect(rateBill(structuredClone(input))).to.deep.equal(rateBill(input));
        }),
      );
    });
  });
});
