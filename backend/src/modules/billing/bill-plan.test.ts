import { expect } from 'chai';
import type { SeriesReading } from '../readings/core/period-consumption.ts';
import { lastDayOf, planBill, type PlanInput } from './bill-plan.ts';

const read = (readOn: string, value: string, extra: Partial<SeriesReading> = {}): SeriesReading => ({ meterId: 1, registerDigits: 5, value, readOn, reason: 'regular', kind: 'actual', standardValue: null, corrected: false, ...extra });

const plan = (over: Partial<PlanInput>): PlanInput => ({
  period: '2026-11',
  billingDay: null,
  account: { status: 'active', closedOn: null },
  prepaidOnly: false,
  readings: [read('2026-09-01', '100', { reason: 'install' }), read('2026-10-01', '130'), read('2026-11-01', '170')],
  billedUpTo: '2026-10-01',
  cutoverOn: null,
  exceptionDates: [],
  alreadyBilled: false,
  ...over,
});

describe('what a bill rests on', () => {
  it('should run from the last bill’s end to the month’s latest reading', () => {
    expect(planBill(plan({}))).to.deep.equal({ basis: { from: '2026-10-01', to: '2026-11-01', volume: '40.000', interim: [], provenance: ['actual'] } });
  });

  it('should start at the first reading and give the readings between as interim volumes when the account was never billed', () => {
    expect(planBill(plan({ billedUpTo: null }))).to.deep.equal({ basis: { from: '2026-09-01', to: '2026-11-01', volume: '70.000', interim: [{ on: '2026-10-01', volume: '30.000' }], provenance: ['actual'] } });
  });

  it('should start a first bill at the last reading on or before the go-live, when the company moved from another system', () => {
    expect(planBill(plan({ billedUpTo: null, cutoverOn: '2026-10-15' }))).to.deep.equal({ basis: { from: '2026-10-01', to: '2026-11-01', volume: '40.000', interim: [], provenance: ['actual'] } });
    expect(planBill(plan({ billedUpTo: null, cutoverOn: '2026-08-01' }))).to.have.nested.property('basis.from', '2026-09-01');
  });

  it('should bill the corrector’s standard volume when the meter has one', () => {
    const readings = [read('2026-10-01', '1000', { standardValue: '980' }), read('2026-11-01', '1100', { standardValue: '1075.5' })];
    expect(planBill(plan({ readings }))).to.deep.include({ basis: { from: '2026-10-01', to: '2026-11-01', volume: '95.500', interim: [], provenance: ['actual'] } });
  });

  const skips: [string, Partial<PlanInput>, string][] = [
    ['the period is billed already', { alreadyBilled: true }, 'already_billed'],
    ['the account closed at its last bill', { account: { status: 'closed', closedOn: '2026-10-01' } }, 'closed'],
    ['its meters are prepaid', { prepaidOnly: true }, 'prepaid'],
    ['nothing was read since the last bill', { readings: [read('2026-10-01', '130')] }, 'no_reading'],
    ['the only new reading is after the month', { readings: [read('2026-10-01', '130'), read('2026-12-01', '150')] }, 'no_reading'],
    ['a reading in the period waits in the exception queue', { exceptionDates: ['2026-10-20'] }, 'exception_open'],
    ['the month’s only new reading waits in the exception queue', { readings: [read('2026-10-01', '130')], exceptionDates: ['2026-11-01'] }, 'exception_open'],
    ['the account has no reading at all', { readings: [], billedUpTo: null }, 'no_reading'],
  ];
  for (const [when, over, reason] of skips) {
    it(`should skip with ${reason} when ${when}`, () => {
      expect(planBill(plan(over))).to.deep.equal({ skip: reason });
    });
  }

  it('should cut the month’s bill on the contract’s billing day when the account has one', () => {
    const readings = [read('2026-10-15', '100'), read('2026-11-14', '150'), read('2026-11-20', '160')];
    expect(planBill(plan({ readings, billedUpTo: '2026-10-15', billingDay: 15 }))).to.have.nested.property('basis.to', '2026-11-14');
    expect(planBill(plan({ readings, billedUpTo: '2026-10-15' }))).to.have.nested.property('basis.to', '2026-11-20');
  });

  it('should bill a closed account’s last stretch up to its final reading', () => {
    expect(planBill(plan({ account: { status: 'closed', closedOn: '2026-11-01' } }))).to.have.nested.property('basis.to', '2026-11-01');
  });

  it('should know the last day of every month, December and February included', () => {
    expect(['2026-02', '2028-02', '2026-12', '2026-11'].map(lastDayOf)).to.deep.equal(['2026-02-28', '2028-02-29', '2026-12-31', '2026-11-30']);
  });
});
