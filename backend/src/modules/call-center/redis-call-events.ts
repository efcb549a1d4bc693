import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisCallEventSink } from '@gasdesk/cti';
import type { Container } from '../../container.ts';
import { RedisCtiCommands } from './cti-commands.ts';

const LOCK_MS = 15_000;
const RENEW_MS = 5_000;

/** Extends the lock only while we still hold it: another process may have taken it after it expired. */
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * The production api process's side of the call center. Every replica listens to the cti's
 * CallEvents on Redis, but only the holder of the lock `<prefix>:call-center:consumer` writes the
 * call log and raises the desk's events (the Socket.IO Redis adapter carries them to the replica
 * the agent is connected to); the others only keep the wallboard for `GET /api/cti/wallboard`.
 * A holder that dies lets the lock expire and another replica takes over within 15 s. Agent
 * commands are published for the cti process.
 */
export async function consumeCallEventsFromRedis(c: Container, redisUrl: string): Promise<{ close(): Promise<void> }> {
  const { logger, config } = c;
  const redis = new Redis(redisUrl);
  redis.on('error', (error) => logger.warn({ err: error }, 'Redis (call center) unreachable'));
  const detach = c.callCenter.attachCti(new RedisCtiCommands(redis, config.REDIS_PREFIX));
  const key = `${config.REDIS_PREFIX}:call-center:consumer`;
  const token = randomUUID();
  let holder = false;
  const contend = async () => {
    try {
      const held = holder ? (await redis.eval(RENEW, 1, key, token, LOCK_MS)) === 1 : (await redis.set(key, token, 'PX', LOCK_MS, 'NX')) === 'OK';
      if (held !== holder) logger.info({ consumer: held }, held ? 'this process now consumes CallEvents' : 'this process no longer consumes CallEvents');
      holder = held;
    } catch (err) {
      // Unsure whether we still hold it: stop writing, as the lock may expire meanwhile.
      holder = false;
      logger.warn({ err }, 'could not renew the call-event consumer lock');
    }
  };
  await contend();
  const timer = setInterval(() => void contend(), RENEW_MS);
  const sink = new RedisCallEventSink(redisUrl, config.REDIS_PREFIX, logger);
  await sink.subscribe((event) => void (holder ? c.callEvents.handle(event) : c.callEvents.observe(event)));
  return {
    async close() {
      clearInterval(timer);
      detach();
      await sink.close();
      if (holder) await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      await redis.quit();
    },
  };
}
