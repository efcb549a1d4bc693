/**
 * Personal data is shown masked everywhere except where a permissioned reveal happened.
 * These helpers are pure so the backend (lists, logs, socket payloads) and the desk agree.
 */

/** `13812341234` → `138****1234`; `+8613812341234` → `+86138****1234`; short numbers keep only the last two digits. */
export function maskPhone(phone: string): string {
  const s = phone.replace(/[\s-]/g, '');
  const mobile = /^(\+?86)?(1\d{10})$/.exec(s);
  if (mobile) return `${mobile[1] ? '+86' : ''}${mobile[2]!.slice(0, 3)}****${mobile[2]!.slice(-4)}`;
  const m = /^(\+?)(\d+)$/.exec(s);
  if (!m) return '****';
  const [, plus, digits] = m as unknown as [string, string, string];
  if (digits.length >= 11) return `${plus}${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `${plus}${digits.slice(0, 2)}***${digits.slice(-2)}`;
  return `${plus}${'*'.repeat(Math.max(digits.length - 2, 1))}${digits.slice(-2)}`;
}

/** A Chinese resident ID (18 characters) keeps its first 6 (region) and last 4: `330106**********12X`. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 4) return '*'.repeat(s.length);
  if (s.length < 10) return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

const PHONE_IN_TEXT = /(?<![\d])(\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![\d])/g;
const ID_IN_TEXT = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;

/** Masks every mobile phone and resident ID number found in free text (log messages, notes). */
export function maskPersonalDataInText(text: string): string {
  return text.replace(ID_IN_TEXT, (id) => maskIdNumber(id)).replace(PHONE_IN_TEXT, (p) => maskPhone(p));
}
