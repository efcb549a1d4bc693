import { z } from 'zod';

/**
 * Phone numbers as callers, PBXes and old registry rows write them, turned into E.164 so that one
 * number has one key everywhere: in the registry, in the screen-pop lookup and in search.
 *
 * Only the Chinese numbering plan is known here. Mobiles are `1[3-9]` + 9 digits; a landline is
 * the trunk 0, an area code (10 and 20–29 have two digits, every other has three) and a subscriber
 * number that never starts with 0 or 1; service numbers are 400/800 numbers and the short
 * 95xxx/96xxx/10xxx/11xxx/12xxx hotlines.
 */

export type PhoneKind = 'mobile' | 'landline' | 'service' | 'international';

export interface NormalizedPhone {
  /** `+8613812345678`, `+8657187010001`, `+8695598`, `+85223456789`. */
  e164: string;
  kind: PhoneKind;
  /** The digits as dialled from inside China: `13812345678`, `057187010001`, `95598`, `0085223456789`. */
  national: string;
  /** Digits after 转 / 分机 / ext / x / #, or a trailing group after a complete landline; else null. */
  extension: string | null;
}

export interface PhoneOptions {
  /** The company's country calling code; only `'86'` is implemented. */
  defaultCountryCode: string;
  /** The company's area code, with or without its trunk 0 (`'571'`); completes local numbers such as `87010001`. */
  defaultAreaCode?: string;
}

/** A phone number as typed or imported, before normalisation. */
export const PhoneInput = z.string().trim().max(32);
export type PhoneInput = z.infer<typeof PhoneInput>;

const MOBILE = /^1[3-9]\d{9}$/;
const SERVICE = /^(?:[48]00\d{7}|9[56]\d{3,6}|1[0-2]\d{3})$/;
// Two-digit area codes are all large cities whose subscriber numbers have 8 digits; three-digit ones may still have 7.
const AREA_AND_SUBSCRIBER = /^(?:(10|2\d)([2-9]\d{7})|([3-9]\d\d)([2-9]\d{6,7}))$/;
const LOCAL = /^[2-9]\d{6,7}$/;
const AREA_CODE = /^(?:10|2\d|[3-9]\d\d)$/;
/** IP-dialling access codes that carriers let callers put in front of a long-distance number. */
const IP_PREFIXES = ['17951', '17911', '17901', '17909', '12593', '10193'];
const EXPLICIT_EXTENSION = /\s*(?:转|分机号?|ext\.?|x|#|,+)\s*(\d{1,6})$/i;
const SEPARATORS = /[\s.\-–—]+/;
// A trunk 9, an IP prefix and the 0 of an out-of-town mobile can stack; deeper nesting is noise, not a number.
const MAX_PREFIXES = 2;

interface Context {
  countryCode: string;
  areaCode: string | null;
}

type Parsed = Omit<NormalizedPhone, 'extension'>;

/**
 * Normalises one phone number written in any common way: with or without +86/0086/86, spaces,
 * dashes or brackets, full-width characters, an IP-dialling prefix (17951, 12593, 17911 …), a PBX
 * trunk 9, the 0 in front of an out-of-town mobile, and an extension (`-8023`, `转8023`).
 * A local landline (`87010001`) needs `defaultAreaCode`.
 *
 * `00` is read as the international prefix. A PBX trunk 0 in front of a number that has its own 0
 * also gives `00…`; that reading is offered by {@link phoneSearchKeys} as a second key, never
 * chosen here.
 *
 * @returns null for anything that is not one phone number (letters, too few or too many digits,
 * two numbers in one field).
 * @throws RangeError when the options name another country than China or an impossible area code.
 */
export function normalizePhone(input: string, opts: PhoneOptions): NormalizedPhone | null {
  return interpretations(input, opts)[0] ?? null;
}

/**
 * The E.164 keys to look up for what an agent typed or a caller id carried, most likely first:
 * a full number gives its E.164, a local landline gives it with the default area code, and an
 * ambiguous `00…` gives both the international reading and the trunk-0 reading, so that several
 * matches can be shown as a choice instead of one being guessed. Extensions are ignored.
 */
export function phoneSearchKeys(input: string, opts: PhoneOptions): string[] {
  return [...new Set(interpretations(input, opts).map((p) => p.e164))];
}

/**
 * The way Chinese users write a number: `138 1234 5678`, `0571-8701 0001`, `010-8701 0001`,
 * `400-812-3456`, `95598`; numbers abroad stay in E.164. With an extension: `0571-8701 0001 转8023`.
 * Anything it cannot read comes back unchanged, so a display never fails.
 */
export function formatPhoneForDisplay(e164: string, extension?: string | null): string {
  const shown = displayOf(e164);
  return extension ? `${shown} 转${extension}` : shown;
}

function displayOf(e164: string): string {
  const m = /^\+86(\d+)$/.exec(e164);
  const parsed = m ? afterCountryCode(m[1]!, { countryCode: '86', areaCode: null }) : null;
  if (!parsed) return e164;
  const n = parsed.national;
  if (parsed.kind === 'mobile') return `${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  if (parsed.kind === 'service') return n.length === 10 ? `${n.slice(0, 3)}-${n.slice(3, 6)}-${n.slice(6)}` : n;
  const [, area2, subscriber2, area3, subscriber3] = AREA_AND_SUBSCRIBER.exec(n.slice(1))!;
  const subscriber = (subscriber2 ?? subscriber3)!;
  return `0${area2 ?? area3}-${subscriber.slice(0, -4)} ${subscriber.slice(-4)}`;
}

function contextOf(opts: PhoneOptions): Context {
  if (opts.defaultCountryCode !== '86') {
    // Failing loudly beats reading another country's numbers with China's plan and matching no caller.
    throw new RangeError(`phone numbers can only be normalised for country code 86, not "${opts.defaultCountryCode}"`);
  }
  const area = opts.defaultAreaCode?.replace(/^0/, '') || null;
  if (area !== null && !AREA_CODE.test(area)) throw new RangeError(`"${opts.defaultAreaCode}" is not a Chinese area code`);
  return { countryCode: opts.defaultCountryCode, areaCode: area };
}

function interpretations(input: string, opts: PhoneOptions): NormalizedPhone[] {
  const ctx = contextOf(opts);
  // No phone number is this long, and a cap keeps the extension pattern's backtracking cheap on junk.
  if (input.length > 64) return [];
  let text = input.normalize('NFKC').trim();
  let extension: string | null = null;
  const explicit = EXPLICIT_EXTENSION.exec(text);
  if (explicit) {
    extension = explicit[1]!;
    text = text.slice(0, explicit.index);
  }
  text = text.replace(/[()[\]]/g, ' ').trim();
  const plus = text.startsWith('+');
  const body = plus ? text.slice(1) : text;
  if (!/^[\d\s.\-–—]+$/.test(body)) return [];
  const groups = body.split(SEPARATORS).filter((g) => g !== '');
  const whole = parseDigits(groups.join(''), plus, ctx);
  if (whole.length > 0 || extension !== null) return whole.map((p) => ({ ...p, extension }));
  // `0571-87010001-8023`: a short last group that leaves a complete landline or hotline in front is an extension.
  const last = groups.at(-1)!;
  if (groups.length < 2 || last.length > 6) return [];
  return parseDigits(groups.slice(0, -1).join(''), plus, ctx)
    .filter((p) => p.kind === 'landline' || p.kind === 'service')
    .map((p) => ({ ...p, extension: last }));
}

function parseDigits(digits: string, plus: boolean, ctx: Context): Parsed[] {
  if (digits.length < 5 || digits.length > 24) return [];
  if (plus) return compact([international(digits, ctx)]);
  return domestic(digits, ctx, true, 0);
}

function domestic(d: string, ctx: Context, allowLocal: boolean, depth: number): Parsed[] {
  if (d.startsWith('00')) {
    const abroad = international(d.slice(2), ctx);
    if (d.startsWith(ctx.countryCode, 2)) return compact([abroad]);
    const trunk = depth < MAX_PREFIXES ? domestic(d.slice(1), ctx, false, depth + 1).filter(isComplete) : [];
    return compact([abroad, ...trunk]);
  }
  const direct = national(d, ctx, allowLocal);
  if (direct) return [direct];
  if (depth >= MAX_PREFIXES) return [];
  const ip = IP_PREFIXES.find((p) => d.startsWith(p));
  if (ip) return domestic(d.slice(ip.length), ctx, false, depth + 1).filter(isComplete);
  // A PBX trunk 9 may precede anything, even a local number; a lone 0 only the mobile it makes long-distance.
  if (d.startsWith('9')) return domestic(d.slice(1), ctx, allowLocal, depth + 1);
  if (d.startsWith('0') && MOBILE.test(d.slice(1))) return domestic(d.slice(1), ctx, false, depth + 1);
  if (d.startsWith(ctx.countryCode)) return compact([afterCountryCode(d.slice(ctx.countryCode.length), ctx)]);
  return [];
}

function national(d: string, ctx: Context, allowLocal: boolean): Parsed | null {
  if (MOBILE.test(d)) return home('mobile', d, d, ctx);
  if (SERVICE.test(d)) return home('service', d, d, ctx);
  if (d.startsWith('0')) {
    const landline = AREA_AND_SUBSCRIBER.exec(d.slice(1));
    return landline ? home('landline', d.slice(1), d, ctx) : null;
  }
  if (allowLocal && ctx.areaCode && LOCAL.test(d)) return home('landline', ctx.areaCode + d, `0${ctx.areaCode}${d}`, ctx);
  return null;
}

/** Digits after the home country code, where the area code comes without its trunk 0 (`+86 571 87010001`). */
function afterCountryCode(rest: string, ctx: Context): Parsed | null {
  // `+86 0571 …` keeps the trunk 0 out of habit; it is never part of the number.
  const d = rest.startsWith('0') ? rest.slice(1) : rest;
  if (MOBILE.test(d)) return home('mobile', d, d, ctx);
  if (SERVICE.test(d)) return home('service', d, d, ctx);
  if (AREA_AND_SUBSCRIBER.test(d)) return home('landline', d, `0${d}`, ctx);
  return null;
}

function international(digits: string, ctx: Context): Parsed | null {
  if (digits.startsWith(ctx.countryCode)) return afterCountryCode(digits.slice(ctx.countryCode.length), ctx);
  if (!/^[1-9]\d{6,14}$/.test(digits)) return null;
  return { e164: `+${digits}`, kind: 'international', national: `00${digits}` };
}

function home(kind: PhoneKind, significant: string, nationalDigits: string, ctx: Context): Parsed {
  return { e164: `+${ctx.countryCode}${significant}`, kind, national: nationalDigits };
}

function isComplete(p: Parsed): boolean {
  return p.kind !== 'service';
}

function compact(items: (Parsed | null)[]): Parsed[] {
  return items.filter((p): p is Parsed => p !== null);
}
