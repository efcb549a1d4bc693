import type { CallEvent } from '@gasdesk/schema';
import type { StatusChange, TelephonyDriver } from '../telephony-driver.ts';
import type { PbxSnapshot } from '../pbx-snapshot.ts';

/** Everything a driver tells, in order, with a way to wait for what a test expects. */
export class EventRecorder {
  readonly events: CallEvent[] = [];
  readonly statuses: StatusChange[] = [];
  readonly resyncs: PbxSnapshot[] = [];
  /** `resync` and `event` interleaved, to check that a resync comes before the events after it. */
  readonly order: ('resync' | CallEvent['type'])[] = [];
  private readonly unsubscribe: (() => void)[];

  constructor(driver: TelephonyDriver) {
    this.unsubscribe = [
      driver.on('event', (e) => {
        this.events.push(e);
        this.order.push(e.type);
      }),
      driver.on('status', (s) => this.statuses.push(s)),
      driver.on('resync', (s) => {
        this.resyncs.push(s);
        this.order.push('resync');
      }),
    ];
  }

  /** The `call.*` events of one call. */
  callEvents(callId: string): CallEvent[] {
    return this.events.filter((e) => e.type.startsWith('call.') && 'callId' in e && e.callId === callId);
  }

  /** Waits until `check` holds, polling. */
  async until(check: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Waits for the first event (after `from`) matching, and returns it. */
  async next<T extends CallEvent['type']>(type: T, match: (e: Extract<CallEvent, { type: T }>) => boolean = () => true, from = 0): Promise<Extract<CallEvent, { type: T }>> {
    let found: Extract<CallEvent, { type: T }> | undefined;
    await this.until(() => {
      found = this.events.slice(from).find((e): e is Extract<CallEvent, { type: T }> => e.type === type && match(e as Extract<CallEvent, { type: T }>));
      return found !== undefined;
    });
    return found!;
  }

  stop(): void {
    for (const off of this.unsubscribe) off();
  }
}
