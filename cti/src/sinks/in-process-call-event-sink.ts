import { CallEvent } from '@gasdesk/schema';
import { TypedEmitter } from '../shared/typed-emitter.ts';
import type { CallEventSink } from './call-event-sink.ts';

/** CallEvents inside one process: the all-in-one process's backend subscribes in memory. */
export class InProcessCallEventSink implements CallEventSink {
  readonly kind = 'in-process';
  private readonly emitter = new TypedEmitter<{ event: CallEvent }>();
  private closed = false;

  async publish(event: CallEvent): Promise<void> {
    if (this.closed) throw new Error('the call-event sink is closed');
    // Validated as Redis subscribers validate, so that both sinks deliver the same.
    this.emitter.emit('event', CallEvent.parse(event));
  }

  async subscribe(listener: (event: CallEvent) => void): Promise<() => Promise<void>> {
    const off = this.emitter.on('event', listener);
    return async () => off();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
