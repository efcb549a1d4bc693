import { expect } from 'chai';
import { HISTORY_WINDOW, advanceReadState, averageDailyUse, type AcceptedReading, type ReadState } from './read-state.ts';

const reading = (id: number, value: string, readOn: string, consumption: string | null, kind: 'actual' | 'estimated' = 'actual'): AcceptedReading => ({ id, value, readOn, readAt: null, kind, consumption });

describe('a meter’s read state', () => {
  it('should start from the first reading with no history, and learn a period from two actual readings', () => {
    const first = advanceReadState(null, reading(1, '100.000', '2026-01-01', null));
    expect(first).to.deep.equal({ lastReadingId: 1, lastValue: '100.000', lastReadOn: '2026-01-01', lastReadAt: null, lastKind: 'actual', actualPeriods: 0, actualDays: 0, actualVolume: '0.000', consecutiveEstimates: 0 });
    const second = advanceReadState(first, reading(2, '131.000', '2026-02-01', '31.000'));
    expect(second).to.deep.include({ lastReadingId: 2, actualPeriods: 1, actualDays: 31, actualVolume: '31.000' });
    expect(averageDailyUse(second)).to.equal('1.000');
  });

  it('should count estimates in a row and keep periods that touch an estimate out of the history', () => {
    let state: ReadState = advanceReadState(null, reading(1, '100.000', '2026-01-01', null));
    state = advanceReadState(state, reading(2, '130.000', '2026-02-01', '30.000', 'estimated'));
    state = advanceReadState(state, reading(3, '160.000', '2026-03-01', '30.000', 'estimated'));
    expect(state).to.deep.include({ consecutiveEstimates: 2, actualPeriods: 0 });
    state = advanceReadState(state, reading(4, '200.000', '2026-04-01', '40.000'));
    expect(state).to.deep.include({ consecutiveEstimates: 0, actualPeriods: 0, lastKind: 'actual' });
    state = advanceReadState(state, reading(5, '230.000', '2026-05-01', '30.000'));
    expect(state).to.deep.include({ actualPeriods: 1, actualDays: 30, actualVolume: '30.000' });
  });

  it('should keep the window bounded, so the average follows a change in use within a few periods', () => {
    let state: ReadState = advanceReadState(null, reading(0, '0.000', '2025-01-01', null));
    let day = Date.parse('2025-01-01T00:00:00Z');
    for (let i = 1; i <= 20; i += 1) {
      day += 30 * 86_400_000;
      const use = i <= 10 ? '30.000' : '90.000';
      state = advanceReadState(state, reading(i, '0', new Date(day).toISOString().slice(0, 10), use));
    }
    expect(state.actualPeriods).to.equal(HISTORY_WINDOW);
    expect(Number(averageDailyUse(state))).to.be.within(2.5, 3);
  });

  it('should not take a period across a meter change', () => {
    let state = advanceReadState(null, reading(1, '500.000', '2026-01-01', null));
    state = advanceReadState(state, { ...reading(2, '0.000', '2026-01-10', null), startsMeter: true });
    expect(state).to.deep.include({ lastValue: '0.000', actualPeriods: 0 });
  });
});
