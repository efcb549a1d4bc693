import { createServer, type Server, type Socket } from 'node:net';
import { header, type AmiFields, type AmiMessage } from '../ami/ami-message.ts';
import { formatAmiMessage, parseAmiStream } from '../ami/ami-wire.ts';
import type { ListEvent, PbxModel } from './pbx-model.ts';

export interface AmiServerOptions {
  model: PbxModel;
  username: string;
  secret: string;
  /** How long an agent's phone rings for a click-to-dial before the agent picks up. */
  originateAnswerMs: number;
  /** How long after that the customer answers. */
  customerAnswerMs: number;
}

interface Session {
  readonly socket: Socket;
  authenticated: boolean;
  events: boolean;
  /** Reads but never answers: a half-dead link, for heartbeat tests. */
  frozen: boolean;
  buffer: string;
}

interface ActionContext {
  readonly server: AmiServer;
  readonly session: Session;
  readonly action: AmiMessage;
  readonly model: PbxModel;
  /** Answers the action (`Response:` first, the action's ActionID echoed). */
  reply(response: 'Success' | 'Error' | 'Goodbye', fields: AmiFields): void;
  /** Answers a list action: the response, the events, then `<completeEvent>`. */
  list(message: string, events: ListEvent[], completeEvent: string): void;
}

type ActionHandler = (context: ActionContext) => void;

const BANNER = 'Asterisk Call Manager/9.0.0';
const field = (m: AmiMessage, name: string) => header(m, name) ?? '';
const truthy = (value: string) => ['true', 'yes', '1', 'on'].includes(value.toLowerCase());

/** AMI action (lower-cased) → what the simulated Asterisk does and answers, with Asterisk's messages. */
const ACTIONS: Readonly<Record<string, ActionHandler>> = {
  login: ({ server, session, action, reply }) => {
    if (!server.accepts(field(action, 'username'), field(action, 'secret'))) {
      reply('Error', [['Message', 'Authentication failed']]);
      // Asterisk drops the session after a failed login.
      session.socket.end();
      return;
    }
    session.authenticated = true;
    session.events = field(action, 'events').toLowerCase() !== 'off';
    reply('Success', [['Message', 'Authentication accepted']]);
    server.write(session, [['Event', 'FullyBooted'], ['Privilege', 'system,all'], ['Status', 'Fully Booted']]);
  },

  logoff: ({ session, reply }) => {
    reply('Goodbye', [['Message', 'Thanks for all the fish.']]);
    session.socket.end();
  },

  ping: ({ model, reply }) => reply('Success', [['Ping', 'Pong'], ['Timestamp', (model.time().getTime() / 1000).toFixed(6)]]),

  queuestatus: ({ action, model, list }) => list('Queue status will follow', model.queueStatusList(header(action, 'queue')), 'QueueStatusComplete'),

  queuesummary: ({ action, model, list }) => list('Queue summary will follow', model.queueSummaryList(header(action, 'queue')), 'QueueSummaryComplete'),

  coreshowchannels: ({ model, list }) => list('Channels will follow', model.coreShowChannelsList(), 'CoreShowChannelsComplete'),

  queuepause: ({ action, model, reply }) => {
    const iface = field(action, 'interface');
    if (!iface) return reply('Error', [['Message', 'Need \'Interface\' and \'Paused\' parameters.']]);
    const paused = truthy(field(action, 'paused'));
    const changed = model.pause(iface, paused, field(action, 'reason'), header(action, 'queue'));
    if (changed === 0) return reply('Error', [['Message', 'Interface not found']]);
    reply('Success', [['Message', paused ? 'Interface paused successfully' : 'Interface unpaused successfully']]);
  },

  queueadd: ({ action, model, reply }) => {
    const queue = field(action, 'queue');
    const iface = field(action, 'interface');
    if (!queue) return reply('Error', [['Message', "'Queue' not specified."]]);
    if (!iface) return reply('Error', [['Message', "'Interface' not specified."]]);
    const result = model.addMember(queue, iface, header(action, 'membername') || iface, Number.parseInt(field(action, 'penalty'), 10) || 0);
    const messages = { ok: 'Added interface to queue', exists: 'Unable to add interface: Already there', no_queue: 'Unable to add interface to queue: No such queue' } as const;
    reply(result === 'ok' ? 'Success' : 'Error', [['Message', messages[result]]]);
  },

  queueremove: ({ action, model, reply }) => {
    const queue = field(action, 'queue');
    const iface = field(action, 'interface');
    if (!queue || !iface) return reply('Error', [['Message', 'Need \'Queue\' and \'Interface\' parameters.']]);
    const result = model.removeMember(queue, iface);
    const messages = {
      ok: 'Removed interface from queue',
      not_there: 'Unable to remove interface: Not there',
      no_queue: 'Unable to remove interface from queue: No such queue',
      not_dynamic: 'Member not dynamic',
    } as const;
    reply(result === 'ok' ? 'Success' : 'Error', [['Message', messages[result]]]);
  },

  originate: ({ server, action, model, reply }) => {
    const channel = field(action, 'channel');
    if (!channel) return reply('Error', [['Message', 'Channel not specified']]);
    reply('Success', [['Message', 'Originate successfully queued']]);
    const callId = model.originate({ channel, exten: field(action, 'exten'), context: field(action, 'context'), requestId: header(action, 'actionid') ?? null });
    if (callId) server.playOriginate(callId);
  },

  redirect: ({ action, model, reply }) => {
    const channel = field(action, 'channel');
    if (!model.redirect(channel, field(action, 'context'), field(action, 'exten'))) return reply('Error', [['Message', `Channel does not exist: ${channel}`]]);
    reply('Success', [['Message', 'Redirect successful']]);
  },

  atxfer: ({ action, model, reply }) => {
    const channel = field(action, 'channel');
    if (!model.attendedTransfer(channel, field(action, 'exten'))) return reply('Error', [['Message', 'Channel specified does not exist']]);
    reply('Success', [['Message', 'Atxfer successfully queued']]);
  },

  hangup: ({ action, model, reply }) => {
    if (!model.hangupChannel(field(action, 'channel'))) return reply('Error', [['Message', 'No such channel']]);
    reply('Success', [['Message', 'Channel Hungup']]);
  },
};

const BEFORE_LOGIN = new Set(['login', 'logoff', 'challenge']);

/**
 * The simulator's AMI port: a TCP server that greets, authenticates, answers actions (echoing
 * ActionID, list actions as events closed by `…Complete`) and sends every event of the model to
 * logged-in sessions, the way Asterisk's manager does.
 */
export class AmiServer {
  private readonly sessions = new Set<Session>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  private unsubscribe: () => void;
  port = 0;

  constructor(private readonly options: AmiServerOptions) {
    this.unsubscribe = options.model.onEvent((fields) => {
      for (const session of this.sessions) if (session.authenticated && session.events) this.write(session, fields);
    });
  }

  /** Starts listening; `port` 0 picks a free one (then kept for `listen()` after a `stop()`). */
  async listen(host: string, port: number): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
  }

  /** Stops listening and drops every session; the model (and its calls) goes on. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Cuts every session, as a network failure would. */
  dropConnections(): void {
    for (const session of this.sessions) session.socket.destroy();
    this.sessions.clear();
  }

  /** Current sessions stop answering anything (events, responses, pongs) while the TCP link stays up. */
  freezeConnections(): void {
    for (const session of this.sessions) session.frozen = true;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.unsubscribe();
    await this.stop();
  }

  accepts(username: string, secret: string): boolean {
    return username.toLowerCase() === this.options.username.toLowerCase() && secret === this.options.secret;
  }

  write(session: Session, fields: AmiFields): void {
    if (session.frozen || session.socket.destroyed) return;
    session.socket.write(formatAmiMessage(fields));
  }

  /** A click-to-dial the server accepted: the agent picks up, then the customer answers. */
  playOriginate(callId: string): void {
    const { model, originateAnswerMs, customerAnswerMs } = this.options;
    this.later(originateAnswerMs, () => {
      if (!model.hasCall(callId)) return;
      model.agentAnswersOriginate(callId);
      this.later(customerAnswerMs, () => model.hasCall(callId) && model.customerAnswers(callId));
    });
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private accept(socket: Socket): void {
    const session: Session = { socket, authenticated: false, events: true, frozen: false, buffer: '' };
    this.sessions.add(session);
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (chunk: string) => {
      if (session.frozen) return;
      const parsed = parseAmiStream(session.buffer + chunk);
      session.buffer = parsed.rest;
      for (const action of parsed.messages) this.perform(session, action);
    });
    socket.on('close', () => this.sessions.delete(session));
    socket.on('error', () => this.sessions.delete(session));
    socket.write(`${BANNER}\r\n`);
  }

  private perform(session: Session, action: AmiMessage): void {
    const actionId = header(action, 'actionid');
    const reply = (response: 'Success' | 'Error' | 'Goodbye', fields: AmiFields) =>
      this.write(session, [['Response', response], ...(actionId !== undefined ? [['ActionID', actionId] as const] : []), ...fields]);
    const name = field(action, 'action').toLowerCase();
    if (!name) return reply('Error', [['Message', 'Missing action in request']]);
    if (!session.authenticated && !BEFORE_LOGIN.has(name)) return reply('Error', [['Message', 'Permission denied']]);
    const handler = ACTIONS[name];
    if (!handler) return reply('Error', [['Message', `Invalid/unknown command: ${field(action, 'action')}. Use Action: ListCommands to show available commands.`]]);
    const list = (message: string, events: ListEvent[], completeEvent: string) => {
      reply('Success', [['EventList', 'start'], ['Message', message]]);
      const id: AmiFields = actionId !== undefined ? [['ActionID', actionId]] : [];
      for (const e of events) this.write(session, [['Event', e.event], ...id, ...e.fields]);
      this.write(session, [['Event', completeEvent], ...id, ['EventList', 'Complete'], ['ListItems', String(events.length)]]);
    };
    handler({ server: this, session, action, model: this.options.model, reply, list });
  }
}
