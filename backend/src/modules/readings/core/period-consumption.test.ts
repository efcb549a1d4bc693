import { expect } from 'chai';
import fc from 'fast-check';
import { periodConsumption, type SeriesReading } from './period-consumption.ts';

const r = (meterId: number, value: string, readOn: string, extra: Partial<SeriesReading> = {}): SeriesReading => ({
  meterId,
  registerDigits: 5,
  value,
  readOn,
  reason: 'periodic',
  kind: 'actual',
  standardValue: null,
  corrected: false,
  ...extra,
});

describe('an account’s consumption over a period', () => {
  it('should add the readings of one meter across the period', () => {
    const result = periodConsumption([r(1, '100', '2026-01-05'), r(1, '130', '2026-02-05'), r(1, '170.5', '2026-03-05')], '2026-01-05', '2026-03-05');
    expect(result).to.deep.include({ covered: true, volume: '70.500', standardVolume: null, provenance: ['actual'] });
  });

  it('should tie a meter change inside the period into one volume: removal − previous + current − install', () => {
    const result = periodConsumption(
      [r(1, '500', '2026-01-05'), r(1, '520', '2026-01-20', { reason: 'removal' }), r(2, '3', '2026-01-20', { reason: 'install' }), r(2, '18', '2026-02-05')],
      '2026-01-05',
      '2026-02-05',
    );
    expect(result).to.deep.equal({
      covered: true,
      volume: '35.000',
      standardVolume: null,
      provenance: ['actual', 'meter_change'],
      segments: [
        { meterId: 1, from: { value: '500', readOn: '2026-01-05', kind: 'actual' }, to: { value: '520', readOn: '2026-01-20', kind: 'actual' }, volume: '20.000', rollover: false },
        { meterId: 2, from: { value: '3', readOn: '2026-01-20', kind: 'actual' }, to: { value: '18', readOn: '2026-02-05', kind: 'actual' }, volume: '15.000', rollover: false },
      ],
      explanation: '35.000 m³ from 2026-01-05 to 2026-02-05: 20.000 m³ on meter 1 (500 on 2026-01-05 → 520 on 2026-01-20) + 15.000 m³ on meter 2 (3 on 2026-01-20 → 18 on 2026-02-05)',
    });
  });

  it('should say estimated, corrected and through a rollover where it was, and add the corrector’s standard totals', () => {
    const result = periodConsumption(
      [r(1, '99990', '2026-01-05', { standardValue: '299000' }), r(1, '10', '2026-02-05', { kind: 'estimated', standardValue: '299062.5', corrected: true })],
      '2026-01-05',
      '2026-02-05',
    );
    expect(result).to.deep.include({ covered: true, volume: '20.000', standardVolume: '62.500', provenance: ['corrected', 'estimated'] });
  });

  it('should not cover a period that does not start and end on readings', () => {
    expect(periodConsumption([r(1, '100', '2026-01-05'), r(1, '130', '2026-02-05')], '2026-01-01', '2026-02-05')).to.deep.equal({ covered: false, missing: 'start', explanation: 'no accepted reading on 2026-01-01' });
    expect(periodConsumption([r(1, '100', '2026-01-05')], '2026-01-05', '2026-02-05')).to.deep.include({ covered: false, missing: 'end' });
  });

  it('should give the same volume for a period as for its two halves split at any reading', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90_000 }), { minLength: 3, maxLength: 12 }), fc.nat(), (uses, at) => {
        let value = 1000;
        const series = uses.map((use, i) => {
          value = (value + use) % 100_000_000;
          return r(1, (value / 1000).toFixed(3), new Date(Date.parse('2026-01-01T00:00:00Z') + i * 30 * 86_400_000).toISOString().slice(0, 10));
        });
        const split = series[1 + (at % (series.length - 2))]!.readOn;
        const whole = periodConsumption(series, series[0]!.readOn, series.at(-1)!.readOn);
        const first = periodConsumption(series, series[0]!.readOn, split);
        const second = periodConsumption(series, split, series.at(-1)!.readOn);
        return whole.covered && first.covered && second.covered && Math.round(Number(whole.volume) * 1000) === Math.round((Number(first.volume) + Number(second.volume)) * 1000);
      }),
    );
  });
});
