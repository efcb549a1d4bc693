/** Time as a collaborator, so that pure cores, the simulator and their tests agree on "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that moves only when told to: for transcripts and tests that assert exact times. */
export class ManualClock implements Clock {
  private ms: number;

  constructor(start: string | Date) {
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  advance(ms: number): void {
    this.ms += ms;
  }
}
