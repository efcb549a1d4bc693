import { businessDate, type CallEvent, type WallboardSnapshot } from '@gasdesk/schema';
import { initialCallState, reduceCallState, type CallState, type CallStateInput, type CallStateOptions } from './call-state/call-state.ts';
import { wallboardSnapshot } from './call-state/wallboard.ts';
import type { Clock } from './shared/clock.ts';
import type { Logger } from './shared/logger.ts';
import type { CallEventSink } from './sinks/call-event-sink.ts';
import type { TelephonyDriver } from './telephony-driver.ts';

export interface CtiServiceDeps {
  driver: TelephonyDriver;
  sink: CallEventSink;
  clock: Clock;
  logger: Logger;
}

export interface CtiServiceOptions {
  callState?: Partial<CallStateOptions>;
  /** How often time is fed to the call state (wrap-ups end). Default 1 s. */
  tickMs?: number;
  /** How often the wallboard is sent. Default 5 s. */
  wallboardEveryMs?: number;
  /** The call center's time zone: the day's figures start again at its midnight. Default Asia/Shanghai. */
  timeZone?: string;
}

/**
 * The cti pipeline: driver → call-state reducer → sink. Everything the driver reports (events,
 * resyncs, the passing of time) goes through the reducer, and only what the reducer emits is
 * published, so the backend sees each screen-pop once and no ghost call survives a reconnect.
 */
export class CtiService {
  private state: CallState;
  /** The business day the counters are for. */
  private day: string;
  private readonly unsubscribe: (() => void)[] = [];
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly deps: CtiServiceDeps,
    private readonly options: CtiServiceOptions = {},
  ) {
    this.state = initialCallState(deps.clock.now().toISOString(), options.callState, deps.driver.source);
    this.day = businessDate(deps.clock.now(), options.timeZone ?? 'Asia/Shanghai');
  }

  /** Subscribes to the driver and connects it; resolves once connected (see `TelephonyDriver.connect`). */
  async start(): Promise<void> {
    const { driver, logger } = this.deps;
    this.unsubscribe.push(
      driver.on('event', (event) => this.apply({ kind: 'event', event })),
      driver.on('resync', (snapshot) => {
        logger.info({ calls: snapshot.calls.length, members: snapshot.members.length }, 'resynchronised with the PBX');
        this.apply({ kind: 'resync', snapshot });
        this.publishWallboard();
      }),
      driver.on('status', (change) => {
        if (change.error) logger.warn({ status: change.status, error: change.error }, 'telephony link status');
        else logger.info({ status: change.status }, 'telephony link status');
      }),
    );
    this.timers.push(
      setInterval(() => this.tick(), this.options.tickMs ?? 1_000),
      setInterval(() => this.publishWallboard(), this.options.wallboardEveryMs ?? 5_000),
    );
    await driver.connect();
  }

  /** Time passes; at the call center's midnight the day's figures start again. */
  tick(): void {
    const now = this.deps.clock.now();
    const day = businessDate(now, this.options.timeZone ?? 'Asia/Shanghai');
    if (day !== this.day) {
      this.day = day;
      this.deps.logger.info({ day }, 'a new day: queue and agent figures start again');
      this.apply({ kind: 'new_day', at: now.toISOString() });
      this.publishWallboard();
    } else {
      this.apply({ kind: 'tick', at: this.now() });
    }
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    for (const off of this.unsubscribe) off();
    await this.deps.driver.close();
  }

  /** The call center as the cti sees it now. */
  currentState(): CallState {
    return this.state;
  }

  wallboard(): WallboardSnapshot {
    return wallboardSnapshot(this.state, this.now());
  }

  private apply(input: CallStateInput): void {
    const { state, emitted } = reduceCallState(this.state, input);
    this.state = state;
    for (const event of emitted) this.publish(event);
  }

  private publishWallboard(): void {
    this.publish({ type: 'wallboard.snapshot', source: this.state.source, ...this.wallboard() });
  }

  private publish(event: CallEvent): void {
    this.deps.logger.debug({ event }, event.type);
    // Sinks keep order themselves (one Redis connection, or synchronous delivery): no need to wait here.
    this.deps.sink.publish(event).catch((error: unknown) => this.deps.logger.warn({ err: error, type: event.type }, 'could not publish a CallEvent'));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}
