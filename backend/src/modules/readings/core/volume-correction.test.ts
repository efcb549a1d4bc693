import { expect } from 'chai';
import { billedVolume, standardVolume } from './volume-correction.ts';

describe('volume correction to standard conditions', () => {
  it('should give the measured volume back at the base conditions of 20 °C and 101.325 kPa', () => {
    expect(standardVolume({ measured: '1000', pressureKpa: '101.325', temperatureC: '20' })).to.deep.equal({ standard: '1000.000', factor: '1.000000' });
  });

  it('should correct for pressure, temperature and compressibility', () => {
    // 0.2 MPa gauge on a 101.325 kPa day, at 5 °C, Z 0.996: about three times the working volume.
    expect(standardVolume({ measured: '1000', pressureKpa: '301.325', temperatureC: '5', compressibility: '0.996' })).to.deep.equal({ standard: '3146.807', factor: '3.146807' });
  });

  it('should bill on the corrector’s own standard total when it reports one, and keep both volumes', () => {
    expect(billedVolume('1000.000', '2987.5', { pressureKpa: '301.325', temperatureC: '5' })).to.deep.equal({ measured: '1000.000', standard: '2987.500', source: 'corrector' });
    expect(billedVolume('1000.000', null, { pressureKpa: '101.325', temperatureC: '20' })).to.deep.equal({ measured: '1000.000', standard: '1000.000', source: 'computed' });
    expect(billedVolume('1000.000', null, null)).to.deep.equal({ measured: '1000.000', standard: null, source: 'none' });
  });
});
