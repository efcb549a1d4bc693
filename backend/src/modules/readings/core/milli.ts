/**
 * Register values and volumes as whole thousandths of a m³ (litres). Values have at most eleven
 * integer digits and three decimals, so they stay exact in a double; validating a million
 * readings this way costs no decimal objects.
 */
export function toMilli(value: string): number {
  return Math.round(Number(value) * 1000);
}

export function fromMilli(milli: number): string {
  return (milli / 1000).toFixed(3);
}

/** Days from one calendar date (`YYYY-MM-DD`) to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Thousandths used from one register value to the next, through a rollover at 10^digits when the value went down. */
export function usedMilli(fromMilliValue: number, toMilliValue: number, registerDigits: number): { used: number; rollover: boolean } {
  if (toMilliValue >= fromMilliValue) return { used: toMilliValue - fromMilliValue, rollover: false };
  return { used: 10 ** registerDigits * 1000 - fromMilliValue + toMilliValue, rollover: true };
}
