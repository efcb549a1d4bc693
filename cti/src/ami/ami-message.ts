/**
 * One AMI message (action, response or event) as the cti reads it, whichever parser produced it:
 * our wire parser (simulator, tests) or asterisk-manager (the driver). AMI header names are
 * case-insensitive, so they are kept lower-cased.
 */
export interface AmiMessage {
  /** Lower-cased header name → value; a header sent twice keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  /** `ChanVariable: NAME=value` (events) and `Variable: NAME=value` (actions) of the message's channel. */
  readonly variables: Readonly<Record<string, string>>;
  /** `DestChanVariable: NAME=value`: the variables of the second channel of a two-channel event. */
  readonly destVariables: Readonly<Record<string, string>>;
}

/** Headers in the order they are written, names in Asterisk's own casing. */
export type AmiFields = readonly (readonly [string, string])[];

const VARIABLE_HEADERS: Readonly<Record<string, 'variables' | 'destVariables'>> = {
  chanvariable: 'variables',
  variable: 'variables',
  destchanvariable: 'destVariables',
};

/** Builds an `AmiMessage` from headers in wire order. */
export function amiMessage(fields: AmiFields): AmiMessage {
  const headers: Record<string, string> = {};
  const vars = { variables: {} as Record<string, string>, destVariables: {} as Record<string, string> };
  for (const [name, value] of fields) {
    const key = name.trim().toLowerCase();
    const bucket = VARIABLE_HEADERS[key];
    if (bucket) {
      const eq = value.indexOf('=');
      if (eq > 0) vars[bucket][value.slice(0, eq)] = value.slice(eq + 1);
    } else {
      headers[key] = value;
    }
  }
  return { headers, ...vars };
}

/** The value of a header, any casing; undefined when absent. */
export function header(message: AmiMessage, name: string): string | undefined {
  return message.headers[name.toLowerCase()];
}

/** True when the message is the event `name` (compared case-insensitively). */
export function isEvent(message: AmiMessage, name: string): boolean {
  return header(message, 'event')?.toLowerCase() === name.toLowerCase();
}
