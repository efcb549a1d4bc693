/**
 * How names and addresses are cut into the terms of the search index, and how a typed fragment is
 * cut into the terms it must have. Pure: the index writer and the search read the same rules here.
 *
 * MariaDB has no n-gram FULLTEXT parser and `LIKE '%x%'` reads every row, so a fragment is found
 * through a term table instead: every character pair (bigram) of a name or an address points at
 * its row; a fragment's candidates are the rows holding all of its bigrams, which are then
 * confirmed against the real text (the bigrams of `王秀英` are also in `王秀秀英`).
 */

/** Names are found from one character on; addresses from two (one character of an address matches nearly every flat). */
export type TermKind = 'name' | 'address';

/** More bigrams than this add joins without narrowing a fragment much further; the confirmation checks the rest. */
export const MAX_QUERY_TERMS = 4;

/** The text terms are cut from and fragments are compared with: NFKC (full-width → half-width), lower case, no whitespace. */
export function compactText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Characters by code point, so a character outside the BMP (𠀾) is one character, not two halves. */
function charsOf(compact: string): string[] {
  return Array.from(compact);
}

function bigrams(chars: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k + 1 < chars.length; k++) out.push(chars[k]! + chars[k + 1]!);
  return out;
}

/** Every distinct character and adjacent pair of a name: 王秀英 → 王 秀 英 王秀 秀英. */
export function nameTerms(name: string): string[] {
  const chars = charsOf(compactText(name));
  return [...new Set([...chars, ...bigrams(chars)])];
}

/** Every distinct adjacent pair of an address with its spaces removed, so a fragment may run across the parts. */
export function addressTerms(fullAddress: string): string[] {
  return [...new Set(bigrams(charsOf(compactText(fullAddress))))];
}

/** A few of the items, evenly spread and always the first and the last. */
function spread(items: string[], count: number): string[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, k) => items[Math.round((k * (items.length - 1)) / (count - 1))]!);
}

/**
 * The words a fragment query is made of, compacted: for a name the whole query is one word (people
 * type `王 秀英` and mean 王秀英); for an address each whitespace-separated word must occur in it,
 * in any order (`翠苑 502`).
 */
export function fragmentWords(query: string, kind: TermKind): string[] {
  if (kind === 'name') {
    const word = compactText(query);
    return word ? [word] : [];
  }
  return query
    .split(/\s+/u)
    .map(compactText)
    .filter((w) => w !== '');
}

/**
 * The terms every match of the fragment holds, at most {@link MAX_QUERY_TERMS}: a one-character
 * name fragment is its own term; otherwise the bigrams of its words. Empty when the fragment cannot
 * be looked up this way (an address fragment of single characters).
 */
export function queryTerms(query: string, kind: TermKind): string[] {
  const words = fragmentWords(query, kind).map(charsOf);
  if (kind === 'name' && words.length === 1 && words[0]!.length === 1) return [words[0]![0]!];
  return spread([...new Set(words.flatMap(bigrams))], MAX_QUERY_TERMS);
}

/** Whether the text really contains every word of the fragment (the confirmation of the candidates the terms gave). */
export function containsFragment(text: string, words: string[]): boolean {
  const compact = compactText(text);
  return words.every((w) => compact.includes(w));
}
