import { z } from 'zod';
import type { SipAgent } from '../sip/sip-driver.ts';

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

/** `7001=sip:7001@10.0.0.21:5062,7002=sip:7002@10.0.0.22` → the agents the SIP driver rings, in this order. */
const sipAgents = z
  .string()
  .trim()
  .regex(/^(\s*\w+=sips?:[^,\s]+\s*(,|$))+$/, 'extension=SIP URI pairs separated by commas, e.g. 7001=sip:7001@10.0.0.21:5062')
  .transform((text): SipAgent[] =>
    text
      .split(',')
      .filter((p) => p.trim())
      .map((pair) => pair.trim())
      .map((pair) => ({ extension: pair.slice(0, pair.indexOf('=')), uri: pair.slice(pair.indexOf('=') + 1) })),
  );

const EnvSchema = z.object({
  /** Which telephony driver the process runs: Asterisk over AMI, or a SIP trunk through drachtio-server. */
  CTI_DRIVER: z.enum(['ami', 'sip']).default('ami'),
  AMI_HOST: optional,
  AMI_PORT: port.default(5038),
  AMI_USERNAME: optional,
  AMI_SECRET: optional,
  DRACHTIO_HOST: optional,
  DRACHTIO_PORT: port.default(9022),
  DRACHTIO_SECRET: optional,
  SIP_AGENTS: optional.pipe(sipAgents.optional()),
  /** `sip:{number}@carrier.example`: where the SIP driver's click-to-dial calls the customer; unset, it cannot originate. */
  SIP_OUTBOUND_URI: optional.pipe(z.string().regex(/^sips?:.*\{number\}/, 'a SIP URI with {number}, e.g. sip:{number}@carrier.example').optional()),
  /** The queue name SIP calls wait under in CallEvents and on the wallboard. */
  SIP_QUEUE: z.string().regex(/^[\w-]+$/, 'letters, digits, dash or underscore').default('sip'),
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
  /** The call center's time zone: the day's queue figures start again at its midnight. */
  COMPANY_TIME_ZONE: z.string().refine((zone) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC', 'an IANA time zone such as Asia/Shanghai').default('Asia/Shanghai'),
});

type Env = z.output<typeof EnvSchema>;
type Common = Omit<Env, 'CTI_DRIVER' | 'AMI_HOST' | 'AMI_PORT' | 'AMI_USERNAME' | 'AMI_SECRET' | 'AMI_PING_SECONDS' | 'DRACHTIO_HOST' | 'DRACHTIO_PORT' | 'DRACHTIO_SECRET' | 'SIP_AGENTS' | 'SIP_QUEUE' | 'SIP_OUTBOUND_URI'>;
/** The AMI driver's variables, all present. */
export interface AmiEnv {
  CTI_DRIVER: 'ami';
  AMI_HOST: string;
  AMI_PORT: number;
  AMI_USERNAME: string;
  AMI_SECRET: string;
  AMI_PING_SECONDS: number;
}
/** The SIP driver's variables, all present. */
export interface SipEnv {
  CTI_DRIVER: 'sip';
  DRACHTIO_HOST: string;
  DRACHTIO_PORT: number;
  DRACHTIO_SECRET: string;
  SIP_AGENTS: SipAgent[];
  SIP_QUEUE: string;
  SIP_OUTBOUND_URI: string | undefined;
}
/** The variables of the chosen driver only, so that using them needs no check. */
export type CtiConfig = Readonly<Common & (AmiEnv | SipEnv)>;

const DRIVER_VARIABLES = {
  ami: ['AMI_HOST', 'AMI_USERNAME', 'AMI_SECRET'],
  sip: ['DRACHTIO_HOST', 'DRACHTIO_SECRET', 'SIP_AGENTS'],
} as const;

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
  const data = parsed.data;
  const missing = DRIVER_VARIABLES[data.CTI_DRIVER].filter((name) => data[name] === undefined);
  if (missing.length > 0) throw new CtiConfigError(missing.map((variable) => ({ variable, message: `is required${data.CTI_DRIVER === 'sip' ? ' when CTI_DRIVER=sip' : ''}` })));
  const { CTI_DRIVER, AMI_HOST, AMI_PORT, AMI_USERNAME, AMI_SECRET, AMI_PING_SECONDS, DRACHTIO_HOST, DRACHTIO_PORT, DRACHTIO_SECRET, SIP_AGENTS, SIP_QUEUE, SIP_OUTBOUND_URI, ...common } = data;
  const driver: AmiEnv | SipEnv =
    CTI_DRIVER === 'ami'
      ? { CTI_DRIVER, AMI_HOST: AMI_HOST!, AMI_PORT, AMI_USERNAME: AMI_USERNAME!, AMI_SECRET: AMI_SECRET!, AMI_PING_SECONDS }
      : { CTI_DRIVER, DRACHTIO_HOST: DRACHTIO_HOST!, DRACHTIO_PORT, DRACHTIO_SECRET: DRACHTIO_SECRET!, SIP_AGENTS: SIP_AGENTS!, SIP_QUEUE, SIP_OUTBOUND_URI };
  return Object.freeze({ ...common, ...driver });
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
