import { loadCtiConfigOrExit } from './config/config.ts';
import { CtiService } from './cti-service.ts';
import { systemClock } from './shared/clock.ts';
import { createLogger } from './shared/logger.ts';
import type { CallEventSink } from './sinks/call-event-sink.ts';
import { InProcessCallEventSink } from './sinks/in-process-call-event-sink.ts';
import { RedisCallEventSink } from './sinks/redis-call-event-sink.ts';
import { listenForCommands } from './sinks/redis-command-listener.ts';
import { createTelephonyDriver } from './telephony-driver-registry.ts';
import { TelephonyError } from './telephony-driver.ts';

// The cti process (production: exactly one per PBX). Connects to Asterisk over AMI, or to
// drachtio-server for a SIP trunk (CTI_DRIVER=sip), and publishes every CallEvent on Redis for the backend.
const config = loadCtiConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const clock = systemClock;

let sink: CallEventSink;
if (config.REDIS_URL) {
  sink = new RedisCallEventSink(config.REDIS_URL, config.REDIS_PREFIX, logger);
} else {
  logger.warn('REDIS_URL is not set: CallEvents are only logged (at debug level); no backend will hear them');
  sink = new InProcessCallEventSink();
}

const driver =
  config.CTI_DRIVER === 'ami'
    ? createTelephonyDriver(
        'ami',
        { host: config.AMI_HOST, port: config.AMI_PORT, username: config.AMI_USERNAME, secret: config.AMI_SECRET, pingIntervalMs: config.AMI_PING_SECONDS * 1000 },
        { clock, logger },
      )
    : createTelephonyDriver('sip', { host: config.DRACHTIO_HOST, port: config.DRACHTIO_PORT, secret: config.DRACHTIO_SECRET, agents: config.SIP_AGENTS, queue: config.SIP_QUEUE, outboundUri: config.SIP_OUTBOUND_URI }, { clock, logger });
/** Where the driver connects, for the logs. */
const peer = config.CTI_DRIVER === 'ami' ? { ami: `${config.AMI_HOST}:${config.AMI_PORT}` } : { drachtio: `${config.DRACHTIO_HOST}:${config.DRACHTIO_PORT}`, agents: config.SIP_AGENTS.length };
const service = new CtiService(
  { driver, sink, clock, logger },
  {
    callState: {
      serviceLevelSeconds: config.CTI_SERVICE_LEVELS,
      defaultServiceLevelSeconds: config.CTI_DEFAULT_SERVICE_LEVEL_SECONDS,
      shortAbandonSeconds: config.CTI_SHORT_ABANDON_SECONDS,
      wrapUpSeconds: config.CTI_WRAP_UP_SECONDS,
    },
    timeZone: config.COMPANY_TIME_ZONE,
  },
);

let stopCommands: (() => Promise<void>) | null = null;
let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'cti stopping');
  await stopCommands?.();
  await service.stop();
  await sink.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

logger.info({ ...peer, redis: config.REDIS_URL ? 'on' : 'off' }, 'cti starting');
try {
  await service.start();
  logger.info('cti connected to the PBX');
  // The desk's commands arrive from the api processes over Redis; without Redis nobody can send any.
  if (config.REDIS_URL) stopCommands = await listenForCommands(config.REDIS_URL, config.REDIS_PREFIX, driver, logger);
} catch (error) {
  if (error instanceof TelephonyError && error.code === 'authentication_failed') {
    const hint = config.CTI_DRIVER === 'ami' ? `check AMI_USERNAME and AMI_SECRET against the [${config.AMI_USERNAME}] section of manager.conf` : 'check DRACHTIO_SECRET against drachtio-server’s secret';
    logger.fatal(`${error.message}: ${hint}`);
    process.exit(78);
  }
  throw error;
}
