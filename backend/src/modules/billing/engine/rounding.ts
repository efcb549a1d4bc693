import { Decimal } from 'decimal.js';
import type { RoundingMode } from '@gasdesk/schema';

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP,
  half_even: Decimal.ROUND_HALF_EVEN,
  down: Decimal.ROUND_DOWN,
  up: Decimal.ROUND_UP,
};

/** Whole fen from an exact amount in fen, by the company's rounding mode: the one rounding of a bill line. */
export function roundFen(unroundedFen: Decimal, mode: RoundingMode): number {
  return unroundedFen.toDecimalPlaces(0, MODES[mode]).toNumber();
}

/** The exact fen of `milli` litres at `unitPrice` 元/m³: m³ × 元 × 100 fen. */
export function volumeFen(milli: number, unitPrice: string): Decimal {
  return new Decimal(unitPrice).times(milli).div(10);
}
