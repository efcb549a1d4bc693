import { amiMessage, type AmiFields, type AmiMessage } from './ami-message.ts';

/** What `parseAmiStream` found in the bytes received so far. */
export interface AmiStreamChunk {
  /** `Asterisk Call Manager/9.0.0`: the one-line greeting a server sends first, when it was in this chunk. */
  banner: string | null;
  messages: AmiMessage[];
  /** Bytes of a message not yet complete: prepend them to the next chunk. */
  rest: string;
}

const BANNER = /^Asterisk Call Manager\//;

/**
 * Splits received AMI text into messages. AMI is `Key: Value` lines ending in CRLF; a blank line
 * ends a message; the server greets with one banner line that has no blank line after it.
 * Pure: the caller keeps `rest` and passes it back with the next chunk.
 */
export function parseAmiStream(text: string): AmiStreamChunk {
  let banner: string | null = null;
  const messages: AmiMessage[] = [];
  let current: [string, string][] = [];
  const lines = text.split(/\r?\n/);
  const rest = lines.pop() ?? '';
  let consumed = 0;
  let completeUpTo = 0;
  for (const line of lines) {
    consumed += 1;
    if (current.length === 0 && BANNER.test(line)) {
      banner = line;
      completeUpTo = consumed;
      continue;
    }
    if (line === '') {
      if (current.length > 0) messages.push(amiMessage(current));
      current = [];
      completeUpTo = consumed;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    current.push([line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]);
  }
  // Lines of an unfinished message go back into `rest` so that nothing is parsed twice.
  const pending = lines.slice(completeUpTo);
  return { banner, messages, rest: pending.length > 0 ? `${pending.join('\r\n')}\r\n${rest}` : rest };
}

/** Writes one message in wire format: `Key: Value` lines and the blank line that ends it. */
export function formatAmiMessage(fields: AmiFields): string {
  return `${fields.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
}
