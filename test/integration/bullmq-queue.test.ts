import { Redis } from 'ioredis';
import { BullmqQueue, redisConnection } from '../../backend/src/jobs/bullmq-queue.ts';
import { describeJobQueueContract } from '../../backend/src/jobs/job-queue.contract.ts';
import { createLogger } from '../../backend/src/shared/logger.ts';
import { REDIS_URL } from '../support/mariadb.ts';

let n = 0;
const prefixes: string[] = [];

describeJobQueueContract('BullMQ on Redis', () => {
  const prefix = `gasdesk-jq-${process.pid}-${++n}`;
  prefixes.push(prefix);
  return new BullmqQueue(redisConnection(REDIS_URL), createLogger('silent'), prefix);
});

after(async () => {
  const redis = new Redis(REDIS_URL);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});
