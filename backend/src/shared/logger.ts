import { pino, type Logger, type DestinationStream } from 'pino';
import { maskIdNumber, maskPersonalDataInText, maskPhone } from '@gasdesk/schema';

export type { Logger };

const SECRET_KEYS = ['password', 'token', 'secret', 'authorization', 'cookie'];
const PHONE_KEYS = ['phone', 'mobile', 'callerNumber', 'number'];
const ID_KEYS = ['idNumber'];

function paths(keys: string[]): string[] {
  return keys.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);
}

function censor(value: unknown, path: string[]): unknown {
  const key = path[path.length - 1] ?? '';
  if (typeof value !== 'string') return '[redacted]';
  if (PHONE_KEYS.includes(key)) return maskPhone(value);
  if (ID_KEYS.includes(key)) return maskIdNumber(value);
  return '[redacted]';
}

/**
 * The process logger. Secrets are removed; phone and ID numbers are masked both in known fields and
 * anywhere inside message text, so that a careless log line cannot leak them.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: [...paths(SECRET_KEYS), ...paths(PHONE_KEYS), ...paths(ID_KEYS), 'req.headers.authorization'], censor },
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
