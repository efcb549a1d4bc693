import { Redis } from 'ioredis';
import { CallEvent } from '@gasdesk/schema';
import type { Logger } from '../shared/logger.ts';
import { callEventsChannel, type CallEventSink } from './call-event-sink.ts';

/**
 * CallEvents over Redis pub/sub, as JSON on `<prefix>:call-events`. Pub/sub keeps no history:
 * a subscriber that was down misses events and must resync (the wallboard snapshot comes every
 * few seconds). A subscriber needs its own connection, opened at the first `subscribe`.
 */
export class RedisCallEventSink implements CallEventSink {
  readonly kind = 'redis';
  private readonly publisher: Redis;
  private subscriber: Redis | null = null;
  private readonly listeners = new Set<(event: CallEvent) => void>();
  private readonly channel: string;

  constructor(
    private readonly url: string,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.channel = callEventsChannel(prefix);
    this.publisher = new Redis(url);
    this.publisher.on('error', (error) => logger.warn({ err: error }, 'Redis (call events) unreachable'));
  }

  async publish(event: CallEvent): Promise<void> {
    await this.publisher.publish(this.channel, JSON.stringify(CallEvent.parse(event)));
  }

  async subscribe(listener: (event: CallEvent) => void): Promise<() => Promise<void>> {
    if (!this.subscriber) {
      const subscriber = new Redis(this.url);
      subscriber.on('error', (error) => this.logger.warn({ err: error }, 'Redis (call events) unreachable'));
      subscriber.on('message', (_channel: string, text: string) => this.deliver(text));
      await subscriber.subscribe(this.channel);
      this.subscriber = subscriber;
    }
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.publisher.quit(), this.subscriber?.quit()]);
  }

  private deliver(text: string): void {
    let parsed: ReturnType<typeof CallEvent.safeParse>;
    try {
      parsed = CallEvent.safeParse(JSON.parse(text));
    } catch {
      return this.logger.warn('a message on the call-event channel is not JSON; dropped');
    }
    if (!parsed.success) return this.logger.warn({ issues: parsed.error.issues.slice(0, 3) }, 'a message on the call-event channel is not a CallEvent; dropped');
    for (const listener of this.listeners) listener(parsed.data);
  }
}
