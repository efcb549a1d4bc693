import { pino, type DestinationStream, type Logger } from 'pino';
import { maskPersonalDataInText, maskPhone } from '@gasdesk/schema';

export type { Logger };

const SECRET_KEYS = ['password', 'secret', 'token', 'authorization'];
// CallEvents carry numbers under these names, at the top level or one object down (`{ event }`).
const PHONE_KEYS = ['phone', 'callerNumber', 'calledNumber', 'number'];

function paths(keys: string[]): string[] {
  return keys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (PHONE_KEYS.includes(key)) return typeof value === 'string' ? maskPhone(value) : value;
  return '[redacted]';
}

/**
 * The cti process logger (pino, JSON lines). Secrets are removed and phone numbers masked, in
 * known fields and inside message text, so that a call log line cannot leak a customer's number.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid, service: 'cti' },
      redact: { paths: [...paths(SECRET_KEYS), ...paths(PHONE_KEYS)], censor },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPersonalDataInText(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
    },
    destination,
  );
}
