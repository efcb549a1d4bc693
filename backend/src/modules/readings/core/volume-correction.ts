import { Decimal } from 'decimal.js';

/** Reference conditions of standard volume: China's base is 20 °C and 101.325 kPa (not 0 °C). */
export interface BaseConditions {
  temperatureC: number;
  pressureKpa: number;
}

export const CHINA_BASE: BaseConditions = { temperatureC: 20, pressureKpa: 101.325 };

const KELVIN = 273.15;

export interface CorrectionInput {
  /** Working volume through the meter, m³. */
  measured: string;
  /** Absolute gas pressure at the meter, kPa. */
  pressureKpa: string;
  temperatureC: string;
  /** Compressibility at working and base conditions (1 when treated as ideal). */
  compressibility?: string;
  baseCompressibility?: string;
  base?: BaseConditions;
}

/** V_std = V · (p / p_b) · (T_b / T) · (Z_b / Z), rounded to the litre; the factor kept to six places. */
export function standardVolume(input: CorrectionInput): { standard: string; factor: string } {
  const base = input.base ?? CHINA_BASE;
  const factor = new Decimal(input.pressureKpa)
    .dividedBy(base.pressureKpa)
    .times(new Decimal(base.temperatureC).plus(KELVIN))
    .dividedBy(new Decimal(input.temperatureC).plus(KELVIN))
    .times(input.baseCompressibility ?? '1')
    .dividedBy(input.compressibility ?? '1');
  return { standard: new Decimal(input.measured).times(factor).toFixed(3), factor: factor.toFixed(6) };
}

/**
 * The volume billed for a corrected meter: the corrector's own standard total when it reports
 * one (it integrates the conditions as they change), otherwise computed from the period's average
 * conditions. Both volumes are kept.
 */
export function billedVolume(measured: string, reportedStandard: string | null, conditions: Omit<CorrectionInput, 'measured'> | null): { measured: string; standard: string | null; source: 'corrector' | 'computed' | 'none' } {
  if (reportedStandard !== null) return { measured, standard: new Decimal(reportedStandard).toFixed(3), source: 'corrector' };
  if (conditions) return { measured, standard: standardVolume({ ...conditions, measured }).standard, source: 'computed' };
  return { measured, standard: null, source: 'none' };
}
