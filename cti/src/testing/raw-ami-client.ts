import { connect, type Socket } from 'node:net';
import { header, type AmiFields, type AmiMessage } from '../ami/ami-message.ts';
import { formatAmiMessage, parseAmiStream } from '../ami/ami-wire.ts';

/** A bare AMI client over TCP for protocol tests: sends raw actions and waits for messages. */
export class RawAmiClient {
  readonly received: AmiMessage[] = [];
  banner: string | null = null;
  closed = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      const parsed = parseAmiStream(this.buffer + chunk);
      this.buffer = parsed.rest;
      this.banner ??= parsed.banner;
      this.received.push(...parsed.messages);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static open(port: number): Promise<RawAmiClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new RawAmiClient(socket)));
      socket.once('error', reject);
    });
  }

  send(fields: AmiFields): void {
    this.socket.write(formatAmiMessage(fields));
  }

  /** Waits for the first received message (from `from` on) that matches. */
  async next(match: (m: AmiMessage) => boolean, from = 0): Promise<AmiMessage> {
    return this.until(() => this.received.slice(from).find(match));
  }

  /** Waits for the response to the action with this ActionID. */
  response(actionId: string): Promise<AmiMessage> {
    return this.next((m) => header(m, 'actionid') === actionId && header(m, 'response') !== undefined);
  }

  /** Waits until the server closes the connection. */
  async untilClosed(): Promise<void> {
    await this.until(() => (this.closed ? true : undefined));
  }

  close(): void {
    this.socket.destroy();
  }

  private async until<T>(found: () => T | undefined, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('AMI message not received in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
