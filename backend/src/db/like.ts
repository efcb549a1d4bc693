/** Escapes LIKE's wildcards (and the escape character itself) so that typed text matches only itself: `50%` → `50\%`. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
