/**
 * Audit details are free-form per action; one line keeps the table dense, and the full text is in
 * the cell's tooltip. A change recorded as `{ from, to }` reads as `field: old → new`.
 */
export function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([key, value]) => (isChange(value) ? `${key}: ${show(value.from)} → ${show(value.to)}` : `${key}=${show(value)}`))
    .join('  ');
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value && Object.keys(value).length === 2;
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '∅';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
