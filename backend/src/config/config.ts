import { z } from 'zod';

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce.number().int().min(0).max(65535);

const EnvSchema = z.object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** `sqlite:<file>` (embedded, default) or `mysql://user:pass@host:3306/db`. */
    DATABASE_URL: z
      .string()
      .regex(/^(sqlite:|mysql:\/\/|mariadb:\/\/)/, 'must start with sqlite: or mysql://')
      .default('sqlite:data/gasdesk.sqlite'),
    /** When unset, jobs run in-process and Socket.IO stays on one node. */
    REDIS_URL: optionalString.pipe(z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional()),
    /** Key prefix in Redis for jobs and Socket.IO fan-out, so several installations can share one Redis. */
    REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/, 'letters, digits, colon, dash or underscore').default('gasdesk'),
    PORT: port.default(3000),
    HOST: z.string().default('0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** How many proxy hops to trust for the client IP (`X-Forwarded-For`). */
    TRUST_PROXY: z.coerce.number().int().min(0).max(5).default(0),
    TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
    DEFAULT_COUNTRY_CODE: z.string().regex(/^\d{1,3}$/, 'digits only, e.g. 86').default('86'),
    COMPANY_TIME_ZONE: z.string().default('Asia/Shanghai'),
    /** Seed demo companies, users and data on first start with an empty database. */
    SEED_DEMO: booleanFlag.optional(),
    /** Password for every demo user; generated and printed once when unset. */
    DEMO_PASSWORD: optionalString.pipe(z.string().min(10, 'at least 10 characters').optional()),
    /** Folder of the built desk served at `/`. */
    DESK_DIST: z.string().default('desk/dist'),
    AMI_HOST: optionalString,
    AMI_PORT: port.default(5038),
    AMI_USERNAME: optionalString,
    AMI_SECRET: optionalString,
    /** Without `AMI_HOST`, `npm start` simulates a PBX; demo callers ring about this often, in seconds. */
    DEMO_CALL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    /** `false` keeps the simulated PBX quiet: no demo calls (screens driven by hand, tests of other modules). */
    DEMO_CALLS: booleanFlag.default(true),
    /** Accounts a billing run bills in one transaction (one job). */
    BILLING_PARTITION_SIZE: z.coerce.number().int().min(1).max(10_000).default(1000),
    /** Jobs one worker process runs at once: while one waits on the database, another rates. */
    JOB_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
    DRACHTIO_HOST: optionalString,
    DRACHTIO_PORT: port.default(9022),
    DRACHTIO_SECRET: optionalString,
  });

export type Config = Readonly<z.output<typeof EnvSchema>>;

/** Raised at boot; its message names every wrong or missing variable. */
export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const present = (env: Record<string, string | undefined>, name: string) => Boolean(env[name]?.trim());

/** Rules between variables, checked on the raw environment so they are reported with every other problem. */
function crossFieldProblems(env: Record<string, string | undefined>): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  if (present(env, 'AMI_HOST')) {
    for (const name of ['AMI_USERNAME', 'AMI_SECRET']) {
      if (!present(env, name)) problems.push({ variable: name, message: 'required when AMI_HOST is set' });
    }
  }
  if (present(env, 'DRACHTIO_HOST') && !present(env, 'DRACHTIO_SECRET')) {
    problems.push({ variable: 'DRACHTIO_SECRET', message: 'required when DRACHTIO_HOST is set' });
  }
  if (env.NODE_ENV === 'production' && (env.DATABASE_URL ?? 'sqlite:').startsWith('sqlite:') && present(env, 'REDIS_URL')) {
    problems.push({
      variable: 'DATABASE_URL',
      message: 'several processes sharing Redis need a shared MySQL database, not an embedded SQLite file',
    });
  }
  return problems;
}

export interface ConfigRequirements {
  /** Production entry points must be told where the database is; they never fall back to SQLite. */
  requireVariables?: readonly (keyof z.input<typeof EnvSchema>)[];
}

/**
 * Reads the process configuration once. Pure: takes the environment as an argument, so tests
 * pass their own. The result is frozen.
 */
export function loadConfig(env: Record<string, string | undefined>, req: ConfigRequirements = {}): Config {
  const problems = crossFieldProblems(env);
  for (const name of req.requireVariables ?? []) {
    if (!env[name]?.trim()) problems.push({ variable: name, message: 'is required by this process' });
  }
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push({ variable: String(issue.path[0] ?? '(environment)'), message: issue.message });
    }
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return Object.freeze(parsed.data);
}

/** Loads the config for an entry point, or prints what is wrong and stops the process. */
export function loadConfigOrExit(req: ConfigRequirements = {}): Config {
  try {
    // The one place that reads the environment.
    return loadConfig(process.env, req);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78);
    }
    throw err;
  }
}
