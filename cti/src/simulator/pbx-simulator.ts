import { systemClock, type Clock } from '../shared/clock.ts';
import { AmiServer } from './ami-server.ts';
import { startDemo, type DemoOptions } from './demo.ts';
import { startLoad, type LoadOptions, type LoadRun } from './load.ts';
import { PbxModel } from './pbx-model.ts';
import { placePracticeCall, type PracticeCallRequest, type PracticeCallResult } from './practice-call.ts';
import type { MemberConfig } from './sim-types.ts';

export interface PbxSimulatorOptions {
  /** Default 127.0.0.1 and a free port. */
  host?: string;
  port?: number;
  username: string;
  secret: string;
  /** Static members; default none (demo and load add theirs). */
  members?: readonly MemberConfig[];
  /** Default `gas-emergency`, `gas-service`, `gas-billing`. */
  queues?: readonly string[];
  clock?: Clock;
  /** Click-to-dial: the agent picks up after this (default 1 s), the customer after this more (default 2 s). */
  originateAnswerMs?: number;
  customerAnswerMs?: number;
  /** Record answered calls, as a PBX with MixMonitor does (demo mode). */
  recordCalls?: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The PBX simulator: the simulated Asterisk (`pbx`) behind an AMI port, for demo mode and tests.
 * It can cut its sessions, stop answering, or go away and come back while its calls go on, so
 * that the cti's reconnect and resync can be tested against it.
 */
export class PbxSimulator {
  private constructor(
    readonly pbx: PbxModel,
    private readonly server: AmiServer,
    private readonly host: string,
  ) {}

  static async start(options: PbxSimulatorOptions): Promise<PbxSimulator> {
    const pbx = new PbxModel({
      clock: options.clock ?? systemClock,
      members: options.members ?? [],
      queues: options.queues ?? ['gas-emergency', 'gas-service', 'gas-billing'],
      serviceLevels: { 'gas-emergency': 15 },
      recordCalls: options.recordCalls ?? false,
    });
    const server = new AmiServer({
      model: pbx,
      username: options.username,
      secret: options.secret,
      originateAnswerMs: options.originateAnswerMs ?? 1_000,
      customerAnswerMs: options.customerAnswerMs ?? 2_000,
    });
    const host = options.host ?? '127.0.0.1';
    await server.listen(host, options.port ?? 0);
    return new PbxSimulator(pbx, server, host);
  }

  get port(): number {
    return this.server.port;
  }

  /** Cuts every AMI session at once, as a network failure would. */
  dropConnections(): void {
    this.server.dropConnections();
  }

  /** Current sessions stay open but nothing is answered or sent on them any more. */
  freezeConnections(): void {
    this.server.freezeConnections();
  }

  /** Goes away for `downMs` (connections refused) and comes back on the same port; calls go on meanwhile. */
  async restart(downMs: number): Promise<void> {
    await this.server.stop();
    await sleep(downMs);
    await this.server.listen(this.host, this.port);
  }

  startLoad(options: LoadOptions): LoadRun {
    return startLoad(this.pbx, options);
  }

  /** Rings one chosen agent with a call from a chosen number (training; the desk's browser test). */
  placePracticeCall(request: PracticeCallRequest): PracticeCallResult {
    return placePracticeCall(this.pbx, request);
  }

  startDemo(options: DemoOptions): { stop(): void } {
    return startDemo(this.pbx, options);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
