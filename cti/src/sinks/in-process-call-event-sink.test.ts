import { describeCallEventSinkContract } from './call-event-sink.contract.ts';
import { InProcessCallEventSink } from './in-process-call-event-sink.ts';

describeCallEventSinkContract('in-process', () => new InProcessCallEventSink());
