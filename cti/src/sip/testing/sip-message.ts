/**
 * A SIP message as the test bridge handles it: start line, headers in order (names as received)
 * and body. Just enough of RFC 3261 for sipp and drachtio-srf: no multi-line headers, no compact
 * header names except those sipp sends.
 */
export interface SipMessage {
  /** `INVITE sip:… SIP/2.0` or `SIP/2.0 200 OK`. */
  startLine: string;
  headers: [string, string][];
  body: string;
}

const COMPACT: Record<string, string> = { i: 'call-id', f: 'from', t: 'to', v: 'via', m: 'contact', l: 'content-length', c: 'content-type' };
const canonical = (name: string) => {
  const lower = name.toLowerCase();
  return COMPACT[lower] ?? lower;
};

export function parseSip(text: string): SipMessage {
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const body = split === -1 ? '' : text.slice(split + 4);
  const [startLine, ...lines] = head.split('\r\n');
  const headers = lines.filter((l) => l.includes(':')).map((l): [string, string] => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]);
  return { startLine: startLine ?? '', headers, body };
}

/** Writes the message with a Content-Length that matches the body. */
export function formatSip(message: SipMessage): string {
  const headers = message.headers.filter(([name]) => canonical(name) !== 'content-length');
  const lines = [message.startLine, ...headers.map(([n, v]) => `${n}: ${v}`), `Content-Length: ${Buffer.byteLength(message.body)}`];
  return `${lines.join('\r\n')}\r\n\r\n${message.body}`;
}

export function getHeader(message: SipMessage, name: string): string | null {
  const wanted = canonical(name);
  return message.headers.find(([n]) => canonical(n) === wanted)?.[1] ?? null;
}

/** Replaces every header of that name with one value (or removes them when null). */
export function setHeader(message: SipMessage, name: string, value: string | null): void {
  const wanted = canonical(name);
  const at = message.headers.findIndex(([n]) => canonical(n) === wanted);
  message.headers = message.headers.filter(([n]) => canonical(n) !== wanted);
  if (value !== null) message.headers.splice(at === -1 ? message.headers.length : at, 0, [name, value]);
}

export const isRequest = (message: SipMessage) => !message.startLine.startsWith('SIP/2.0');
export const methodOf = (message: SipMessage) => message.startLine.split(' ')[0]!;
export const requestUri = (message: SipMessage) => message.startLine.split(' ')[1]!;
export const statusOf = (message: SipMessage) => Number.parseInt(message.startLine.split(' ')[1]!, 10);

/** `tag` of a From or To value; null when it has none. */
export function tagOf(value: string | null): string | null {
  return value === null ? null : (/;\s*tag=([^;>\s]+)/i.exec(value)?.[1] ?? null);
}

/** The `branch` of the top Via. */
export function branchOf(message: SipMessage): string | null {
  return /;\s*branch=([^;\s,]+)/i.exec(getHeader(message, 'via') ?? '')?.[1] ?? null;
}

/** `CSeq: 1 INVITE` → [1, 'INVITE']. */
export function cseqOf(message: SipMessage): [number, string] {
  const [n, method] = (getHeader(message, 'cseq') ?? '0 ?').split(/\s+/);
  return [Number.parseInt(n ?? '0', 10), method ?? '?'];
}

/** Host and port of a SIP URI or name-addr (`<sip:7001@127.0.0.1:5062>` → 127.0.0.1, 5062). */
export function hostPortOf(uri: string): { host: string; port: number } {
  const inner = /<([^>]*)>/.exec(uri)?.[1] ?? uri;
  const match = /^sips?:(?:[^@]*@)?([^:;>]+)(?::(\d+))?/i.exec(inner.trim());
  return { host: match?.[1] ?? '127.0.0.1', port: match?.[2] ? Number(match[2]) : 5060 };
}

/** The URI inside a name-addr, or the value itself. */
export function uriOf(nameAddr: string): string {
  return /<([^>]*)>/.exec(nameAddr)?.[1] ?? nameAddr.split(';')[0]!.trim();
}
