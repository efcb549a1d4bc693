import { loadCtiConfigOrExit } from './config/config.ts';
import { CtiService } from './cti-service.ts';
import { systemClock } from './shared/clock.ts';
import { createLogger } from './shared/logger.ts';
import type { CallEventSink } from './sinks/call-event-sink.ts';
import { InProcessCallEventSink } from './sinks/in-process-call-event-sink.ts';
import { RedisCallEventSink } from './sinks/redis-call-event-sink.ts';
import { createTelephonyDriver } from './telephony-driver-registry.ts';
import { TelephonyError } from './telephony-driver.ts';

// The cti process (production: exactly one per PBX). Connects to Asterisk over AMI and
// publishes every CallEvent on Redis for the backend.
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

const driver = createTelephonyDriver(
  'ami',
  { host: config.AMI_HOST, port: config.AMI_PORT, username: config.AMI_USERNAME, secret: config.AMI_SECRET, pingIntervalMs: config.AMI_PING_SECONDS * 1000 },
  { clock, logger },
);
const service = new CtiService(
  { driver, sink, clock, logger },
  {
    callState: {
      serviceLevelSeconds: config.CTI_SERVICE_LEVELS,
      defaultServiceLevelSeconds: config.CTI_DEFAULT_SERVICE_LEVEL_SECONDS,
      shortAbandonSeconds: config.CTI_SHORT_ABANDON_SECONDS,
      wrapUpSeconds: config.CTI_WRAP_UP_SECONDS,
    },
  },
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'cti stopping');
  await service.stop();
  await sink.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));

logger.info({ ami: `${config.AMI_HOST}:${config.AMI_PORT}`, redis: config.REDIS_URL ? 'on' : 'off' }, 'cti starting');
try {
  await service.start();
  logger.info('cti connected to the PBX');
} catch (error) {
  if (error instanceof TelephonyError && error.code === 'authentication_failed') {
    logger.fatal(`${error.message}: check AMI_USERNAME and AMI_SECRET against the [${config.AMI_USERNAME}] section of manager.conf`);
    process.exit(78);
  }
  throw error;
}
