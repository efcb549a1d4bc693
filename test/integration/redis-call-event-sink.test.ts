import { createLogger } from '../../cti/src/shared/logger.ts';
import { describeCallEventSinkContract } from '../../cti/src/sinks/call-event-sink.contract.ts';
import { RedisCallEventSink } from '../../cti/src/sinks/redis-call-event-sink.ts';
import { REDIS_URL } from '../support/mariadb.ts';

let n = 0;
describeCallEventSinkContract('Redis pub/sub', () => new RedisCallEventSink(REDIS_URL, `gasdesk-ce-${process.pid}-${++n}`, createLogger('silent')));
