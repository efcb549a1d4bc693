import { createLogger } from '../shared/logger.ts';
import { InProcessQueue } from './in-process-queue.ts';
import { describeJobQueueContract } from './job-queue.contract.ts';

describeJobQueueContract('in-process', () => new InProcessQueue(createLogger('silent')));
