import { z } from 'zod';

const required = z.string({ error: 'is required' }).trim().min(1, 'is required');
const optional = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const port = z.coerce.number().int().min(1).max(65535);
const seconds = (max: number) => z.coerce.number().int().min(0).max(max);

/** `gas-emergency=15,gas-service=30` → `{ 'gas-emergency': 15, 'gas-service': 30 }`. */
const serviceLevels = z
  .string()
  .regex(/^\s*([\w-]+=\d+\s*(,\s*|$))*$/, 'queue=seconds pairs separated by commas, e.g. gas-emergency=15,gas-service=30')
  .transform((text) => Object.fromEntries(text.split(',').filter((p) => p.trim()).map((pair) => pair.trim().split('=')).map(([q, s]) => [q!, Number(s)])));

const EnvSchema = z.object({
  AMI_HOST: required,
  AMI_PORT: port.default(5038),
  AMI_USERNAME: required,
  AMI_SECRET: required,
  /** When set, CallEvents go to the backend over Redis pub/sub; otherwise they are only logged. */
  REDIS_URL: optional.pipe(z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional()),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, colon, dash or underscore').default('gasdesk'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Our AMI heartbeat: a Ping this often; a missed Pong means the link is dead. */
  AMI_PING_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** Service-level threshold per queue (match queues.conf `servicelevel`). */
  CTI_SERVICE_LEVELS: serviceLevels.default({ 'gas-emergency': 15, 'gas-service': 30 }),
  CTI_DEFAULT_SERVICE_LEVEL_SECONDS: seconds(3600).default(20),
  /** Abandons shorter than this are counted apart and left out of the rates; 0 counts them all. */
  CTI_SHORT_ABANDON_SECONDS: seconds(600).default(5),
  /** Match queues.conf `wrapuptime`. */
  CTI_WRAP_UP_SECONDS: seconds(3600).default(10),
});

export type CtiConfig = Readonly<z.output<typeof EnvSchema>>;

/** Raised at boot; its message names every wrong or missing variable. */
export class CtiConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid cti configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'CtiConfigError';
  }
}

/**
 * The cti process's configuration, read once at boot. Pure: takes the environment as an
 * argument. Variables of the other processes (DATABASE_URL…) are ignored. The result is frozen.
 */
export function loadCtiConfig(env: Record<string, string | undefined>): CtiConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new CtiConfigError(parsed.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(environment)'), message: issue.message })));
  }
  return Object.freeze(parsed.data);
}

/** Loads the config for `main.ts`, or prints what is wrong and stops the process (exit 78, EX_CONFIG). */
export function loadCtiConfigOrExit(): CtiConfig {
  try {
    // eslint-disable-next-line no-restricted-properties -- the cti process reads its environment here and nowhere else
    return loadCtiConfig(process.env);
  } catch (error) {
    if (error instanceof CtiConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}
