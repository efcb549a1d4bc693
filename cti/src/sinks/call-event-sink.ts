import type { CallEvent } from '@gasdesk/schema';

/**
 * Where the cti sends CallEvents for the backend, and where the backend listens. Two
 * implementations pass the same contract (`call-event-sink.contract.ts`): Redis pub/sub between
 * processes (`REDIS_URL` set), and an in-process emitter for the all-in-one process.
 */
export interface CallEventSink {
  /** `redis` or `in-process`. */
  readonly kind: string;
  /** Sends one event to every subscriber, in order. Rejects what is not a valid CallEvent. */
  publish(event: CallEvent): Promise<void>;
  /**
   * Receives every event published from now on (by any process sharing the channel), each
   * validated against the `CallEvent` schema; messages that are not are dropped. Resolves once
   * listening, with the unsubscribe.
   */
  subscribe(listener: (event: CallEvent) => void): Promise<() => Promise<void>>;
  /** Releases connections; later publishes reject. */
  close(): Promise<void>;
}

/** The Redis pub/sub channel the CallEvents travel on. */
export function callEventsChannel(prefix: string): string {
  return `${prefix}:call-events`;
}
