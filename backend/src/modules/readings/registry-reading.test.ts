import { expect } from 'chai';
import { registryReadingProblems } from './registry-reading.ts';

describe('registry readings against the previous reading', () => {
  const previous = { value: '1234.500', readOn: '2026-06-30' };

  it('should accept the first reading of a meter and a later, higher or equal one', () => {
    expect(registryReadingProblems(null, { value: '0', readOn: '2026-01-01' }, 'reading')).to.deep.equal([]);
    expect(registryReadingProblems(previous, { value: '1234.5', readOn: '2026-06-30' }, 'reading')).to.deep.equal([]);
    expect(registryReadingProblems(previous, { value: '1300', readOn: '2026-07-15' }, 'reading')).to.deep.equal([]);
  });

  it('should name both fields when the value is lower and the date earlier', () => {
    expect(registryReadingProblems(previous, { value: '1234.499', readOn: '2026-06-29' }, 'finalReading')).to.deep.equal([
      { field: 'finalReading.readOn', message: "before the meter's last reading on 2026-06-30" },
      { field: 'finalReading.value', message: "lower than the meter's last reading 1234.500 (2026-06-30)" },
    ]);
  });
});
