import type { IncomingCall } from '../pbx-control.ts';
import type { PbxModel } from './pbx-model.ts';

/** How simulated agents and callers behave. Times in milliseconds. */
export interface RobotBehaviour {
  /** How long an agent lets the phone ring before picking up. */
  answerAfterMs(): number;
  /** Whether the agent picks up this ring at all (if not, the queue's ring timeout ends it). */
  picksUp(): boolean;
  talkMs(): number;
  /** How long a caller waits before hanging up; null waits as long as it takes. */
  patienceMs(): number | null;
  /** Whether the caller (rather than the agent) ends the conversation. */
  callerHangsUp(): boolean;
  /** queues.conf `timeout`: how long a member rings before the queue gives up on them. */
  ringTimeoutMs: number;
  /** queues.conf `retry`: the pause before the queue rings someone else. */
  retryMs: number;
  /** queues.conf `wrapuptime`: an agent is not rung again this soon after a call. */
  wrapUpMs: number;
}

/**
 * Simulated callers and agents on top of the PBX model, for load tests and demo mode: callers
 * wait (or give up), the queue rings a free, unpaused member (round-robin, like `rrmemory`),
 * agents answer (or let it ring), talk and hang up. It drives the model only through what
 * callers and phones do, so the AMI events are the model's own.
 */
export class CallCenterRobot {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly wrapUntil = new Map<string, number>();
  private readonly nextIndex = new Map<string, number>();
  private readonly unsubscribe: () => void;
  private dispatchQueued = false;
  private stopped = false;
  /** Calls the robot started and that have not ended yet. */
  readonly active = new Set<string>();

  constructor(
    private readonly pbx: PbxModel,
    private readonly behaviour: RobotBehaviour,
  ) {
    // A member unpaused or added (by the desk, over AMI) may take a waiting caller.
    this.unsubscribe = pbx.onEvent((fields) => {
      const event = fields[0]?.[1];
      if (event === 'QueueMemberPause' || event === 'QueueMemberAdded') this.scheduleDispatch();
    });
  }

  /** A caller arrives and joins the queue. Returns the call id. */
  arrive(call: IncomingCall): string {
    const callId = this.pbx.queueCall(call);
    this.active.add(callId);
    const patience = this.behaviour.patienceMs();
    if (patience !== null) {
      this.later(patience, () => {
        if (this.pbx.waiting(call.queue).some((w) => w.callId === callId)) this.end(callId, 'caller');
      });
    }
    this.scheduleDispatch();
    return callId;
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private scheduleDispatch(): void {
    if (this.dispatchQueued || this.stopped) return;
    this.dispatchQueued = true;
    // After the current event has reached every listener, never from inside it.
    setImmediate(() => {
      this.dispatchQueued = false;
      this.dispatch();
    });
  }

  /** Rings a free agent for every waiting caller nobody is ringing for. */
  private dispatch(): void {
    if (this.stopped) return;
    const now = this.pbx.time().getTime();
    const taken = new Set<string>();
    for (const queue of this.pbx.queueNames()) {
      const members = this.pbx.memberExtensions(queue);
      for (const waiting of this.pbx.waiting(queue)) {
        if (waiting.ringing.length > 0) continue;
        const start = this.nextIndex.get(queue) ?? 0;
        const offset = members.findIndex((_, i) => {
          const ext = members[(start + i) % members.length]!;
          return !taken.has(ext) && (this.wrapUntil.get(ext) ?? 0) <= now && this.pbx.isAvailable(queue, ext);
        });
        if (offset < 0) break;
        const extension = members[(start + offset) % members.length]!;
        this.nextIndex.set(queue, (start + offset + 1) % members.length);
        taken.add(extension);
        this.ring(waiting.callId, extension);
      }
    }
  }

  private ring(callId: string, extension: string): void {
    this.pbx.ringAgent(callId, extension);
    if (this.behaviour.picksUp()) {
      this.later(this.behaviour.answerAfterMs(), () => {
        if (!this.pbx.isRinging(callId, extension)) return;
        this.pbx.answer(callId, extension);
        this.later(this.behaviour.talkMs(), () => {
          if (this.pbx.hasCall(callId)) this.end(callId, this.behaviour.callerHangsUp() ? 'caller' : 'agent', extension);
        });
      });
    } else {
      this.later(this.behaviour.ringTimeoutMs, () => {
        if (!this.pbx.isRinging(callId, extension)) return;
        this.pbx.ringNoAnswer(callId, extension);
        this.later(this.behaviour.retryMs, () => this.scheduleDispatch());
      });
    }
  }

  private end(callId: string, by: 'caller' | 'agent', extension?: string): void {
    this.pbx.hangup(callId, by);
    this.active.delete(callId);
    if (extension) this.wrapUntil.set(extension, this.pbx.time().getTime() + this.behaviour.wrapUpMs);
    this.later(this.behaviour.wrapUpMs, () => this.scheduleDispatch());
    this.scheduleDispatch();
  }

  private later(ms: number, run: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopped) run();
    }, ms);
    this.timers.add(timer);
  }
}
