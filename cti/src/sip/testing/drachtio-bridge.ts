import { randomUUID } from 'node:crypto';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { branchOf, cseqOf, formatSip, getHeader, hostPortOf, isRequest, methodOf, parseSip, requestUri, setHeader, statusOf, tagOf, uriOf, type SipMessage } from './sip-message.ts';

/** A request the bridge received from the network and the app has not finished answering. */
interface ServerTransaction {
  id: string;
  request: SipMessage;
  from: { host: string; port: number };
  /** Our To tag on responses to this INVITE. */
  localTag: string;
  /** The last final response, resent when the peer retransmits the request. */
  final: string | null;
}

/** A request the app sent to the network, waiting for its responses. */
interface ClientTransaction {
  id: string;
  request: SipMessage;
  to: { host: string; port: number };
  final: boolean;
  /** Resends the request over UDP until a response comes (RFC 3261 timers A/E, capped). */
  retransmit: NodeJS.Timeout | null;
}

/** One side of a call the app holds, as drachtio-server keeps it: the app names it by `id`. */
interface Dialog {
  id: string;
  callId: string;
  /** Our URI with our tag, the peer's with theirs: From/To of the requests we send in it. */
  local: string;
  remote: string;
  target: { host: string; port: number };
  targetUri: string;
  cseq: number;
  /** CSeq number of the INVITE, for the ACK of a 2xx. */
  inviteCseq: number;
}

const CRLF = '\r\n';
const newTag = () => randomUUID().slice(0, 8);
const stamp = () => new Date().toISOString().slice(11, 23);

/**
 * A stand-in for drachtio-server in tests: sipp (or any UDP SIP peer) on one side, an unmodified
 * drachtio-srf app on the other, over drachtio's TCP wire protocol (`<len>#<msgId>|<command>|…`,
 * see drachtio-srf `lib/wire-protocol.js` and `lib/drachtio-agent.js`). It implements what the
 * SIP driver needs: `authenticate`, `route`, `ping`, and `sip` in both directions with the
 * transaction and dialog ids the app expects; it sends 100 Trying, answers CANCEL and ACKs
 * non-2xx finals itself, as drachtio-server does. No TCP/TLS SIP, no PRACK, no proxying, no
 * authentication challenges.
 */
export class DrachtioBridge {
  private app: Socket | null = null;
  private buffer = Buffer.alloc(0);
  private readonly servers = new Map<string, ServerTransaction>();
  private readonly serverByBranch = new Map<string, ServerTransaction>();
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly clientByBranch = new Map<string, ClientTransaction>();
  private readonly dialogs = new Map<string, Dialog>();
  /** Dialogs by Call-ID and our tag: how a request from the network finds its dialog. */
  private readonly dialogByKey = new Map<string, Dialog>();

  private constructor(
    private readonly tcp: Server,
    private readonly udp: UdpSocket,
    private readonly secret: string,
  ) {
    tcp.on('connection', (socket) => this.attach(socket));
    udp.on('message', (data, rinfo) => this.fromNetwork(data.toString('utf8'), { host: rinfo.address, port: rinfo.port }));
  }

  /** Listens on 127.0.0.1: a free TCP port for the app, a free UDP port for SIP. */
  static async start(options: { secret: string }): Promise<DrachtioBridge> {
    const tcp = createServer();
    const udp = createSocket('udp4');
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
    return new DrachtioBridge(tcp, udp, options.secret);
  }

  /** The port drachtio-srf connects to (`DRACHTIO_PORT`). */
  get commandPort(): number {
    const address = this.tcp.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  /** The UDP port SIP peers send to. */
  get sipPort(): number {
    return this.udp.address().port;
  }

  /** Cuts the app's connection, as a drachtio-server restart would. */
  dropApp(): void {
    this.app?.destroy();
  }

  async close(): Promise<void> {
    for (const txn of this.clientByBranch.values()) this.stopRetransmitting(txn);
    this.app?.destroy();
    this.udp.close();
    await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
  }

  private attach(socket: Socket): void {
    this.app?.destroy();
    this.app = socket;
    this.buffer = Buffer.alloc(0);
    socket.on('data', (data) => this.fromApp(socket, data));
    socket.on('error', () => socket.destroy());
  }

  private fromApp(socket: Socket, data: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, data]);
    for (;;) {
      const hash = this.buffer.indexOf('#');
      if (hash <= 0) return;
      const length = Number.parseInt(this.buffer.toString('utf8', 0, hash), 10);
      if (this.buffer.length < hash + 1 + length) return;
      const message = this.buffer.toString('utf8', hash + 1, hash + 1 + length);
      this.buffer = this.buffer.subarray(hash + 1 + length);
      this.command(socket, message);
    }
  }

  private sendApp(text: string): void {
    const payload = `${randomUUID()}|${text}`;
    this.app?.write(`${Buffer.byteLength(payload)}#${payload}`);
  }

  /** `response|<msgId>|OK|…`: the app's pending request `msgId` is answered. */
  private respond(msgId: string, fields: string[], sip?: string): void {
    this.sendApp(`response|${msgId}|${fields.join('|')}${sip === undefined ? '' : CRLF + sip}`);
  }

  private command(socket: Socket, message: string): void {
    const lineEnd = message.indexOf(CRLF);
    const leader = lineEnd === -1 ? message : message.slice(0, lineEnd);
    const [msgId = '', verb, ...args] = leader.split('|');
    switch (verb) {
      case 'authenticate':
        if (args[0] === this.secret) this.respond(msgId, ['OK', `udp/127.0.0.1:${this.sipPort}`, 'v0.9.5']);
        else {
          this.respond(msgId, ['NOK', 'incorrect secret']);
          socket.end();
        }
        return;
      case 'route':
      case 'ping':
        this.respond(msgId, ['OK']);
        return;
      case 'sip':
        this.sipFromApp(msgId, args[0] ?? '', args[1] ?? '', parseSip(message.slice(lineEnd + 2)));
        return;
      default:
        this.respond(msgId, ['NOK', `${verb} not supported by the test bridge`]);
    }
  }

  private sipFromApp(msgId: string, txnId: string, dialogId: string, message: SipMessage): void {
    if (!isRequest(message)) this.responseFromApp(msgId, txnId, message);
    else if (methodOf(message) === 'CANCEL') this.cancelFromApp(msgId, txnId);
    else if (dialogId) this.inDialogRequestFromApp(msgId, dialogId, message);
    else this.newRequestFromApp(msgId, message);
  }

  /** The app answers a request from the network: the bridge completes the headers from the request. */
  private responseFromApp(msgId: string, txnId: string, app: SipMessage): void {
    const txn = this.servers.get(txnId);
    if (!txn) return this.respond(msgId, ['NOK', 'unknown transaction']);
    const status = statusOf(app);
    const response: SipMessage = { startLine: app.startLine, headers: [], body: app.body };
    for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) {
      for (const [n, v] of txn.request.headers) if (n.toLowerCase() === name.toLowerCase()) response.headers.push([name, v]);
    }
    const to = getHeader(txn.request, 'to')!;
    if (!tagOf(to)) setHeader(response, 'To', `${to};tag=${txn.localTag}`);
    setHeader(response, 'Contact', `<sip:drachtio@127.0.0.1:${this.sipPort}>`);
    const skip = new Set(['via', 'from', 'to', 'call-id', 'cseq', 'contact', 'content-length']);
    for (const [n, v] of app.headers) if (!skip.has(n.toLowerCase())) response.headers.push([n, v]);
    let dialogId = '';
    const method = methodOf(txn.request);
    if (method === 'INVITE' && status >= 200 && status < 300) {
      const dialog = this.addDialog({
        callId: getHeader(txn.request, 'call-id')!,
        local: getHeader(response, 'to')!,
        remote: getHeader(txn.request, 'from')!,
        targetUri: uriOf(getHeader(txn.request, 'contact') ?? getHeader(txn.request, 'from')!),
        target: txn.from,
        cseq: 0,
        inviteCseq: cseqOf(txn.request)[0],
      });
      dialogId = dialog.id;
    }
    if (method === 'BYE' && status >= 200) this.removeDialog(getHeader(txn.request, 'call-id')!, tagOf(getHeader(txn.request, 'to')));
    const text = formatSip(response);
    this.udp.send(text, txn.from.port, txn.from.host);
    if (status >= 200) {
      txn.final = text;
      this.servers.delete(txnId);
    }
    this.respond(msgId, ['OK', 'application', String(text.length), 'udp', txn.from.host, String(txn.from.port), stamp(), txnId, dialogId], text);
  }

  private newRequestFromApp(msgId: string, app: SipMessage): void {
    const method = methodOf(app);
    const target = hostPortOf(requestUri(app));
    const request: SipMessage = { startLine: app.startLine, headers: [], body: app.body };
    const branch = `z9hG4bK${newTag()}${newTag()}`;
    request.headers.push(['Via', `SIP/2.0/UDP 127.0.0.1:${this.sipPort};rport;branch=${branch}`], ['Max-Forwards', '70']);
    const from = getHeader(app, 'from') ?? `<sip:drachtio@127.0.0.1:${this.sipPort}>`;
    request.headers.push(['From', tagOf(from) ? from : `${from};tag=${newTag()}`]);
    request.headers.push(['To', getHeader(app, 'to') ?? `<${requestUri(app)}>`]);
    request.headers.push(['Call-ID', getHeader(app, 'call-id') ?? randomUUID()]);
    request.headers.push(['CSeq', `1 ${method}`]);
    request.headers.push(['Contact', `<sip:drachtio@127.0.0.1:${this.sipPort}>`]);
    const skip = new Set(['via', 'max-forwards', 'from', 'to', 'call-id', 'cseq', 'contact', 'content-length']);
    for (const [n, v] of app.headers) if (!skip.has(n.toLowerCase())) request.headers.push([n, v]);
    this.sendClientRequest(msgId, request, target, '');
  }

  private inDialogRequestFromApp(msgId: string, dialogId: string, app: SipMessage): void {
    const dialog = this.dialogs.get(dialogId);
    if (!dialog) return this.respond(msgId, ['NOK', 'unable to find dialog']);
    const method = methodOf(app);
    const cseq = method === 'ACK' ? dialog.inviteCseq : ++dialog.cseq;
    const branch = `z9hG4bK${newTag()}${newTag()}`;
    const request: SipMessage = {
      startLine: `${method} ${dialog.targetUri} SIP/2.0`,
      headers: [
        ['Via', `SIP/2.0/UDP 127.0.0.1:${this.sipPort};rport;branch=${branch}`],
        ['Max-Forwards', '70'],
        ['From', dialog.local],
        ['To', dialog.remote],
        ['Call-ID', dialog.callId],
        ['CSeq', `${cseq} ${method}`],
        ['Contact', `<sip:drachtio@127.0.0.1:${this.sipPort}>`],
      ],
      body: app.body,
    };
    const skip = new Set(['via', 'max-forwards', 'from', 'to', 'call-id', 'cseq', 'contact', 'content-length']);
    for (const [n, v] of app.headers) if (!skip.has(n.toLowerCase())) request.headers.push([n, v]);
    if (method === 'ACK') {
      // An ACK to a 2xx is its own transaction with no response.
      const text = formatSip(request);
      this.udp.send(text, dialog.target.port, dialog.target.host);
      return this.respond(msgId, ['OK', 'application', String(text.length), 'udp', dialog.target.host, String(dialog.target.port), stamp(), 'unsolicited', dialogId], text);
    }
    this.sendClientRequest(msgId, request, dialog.target, dialogId);
  }

  private sendClientRequest(msgId: string, request: SipMessage, to: { host: string; port: number }, dialogId: string): void {
    const text = formatSip(request);
    const txn: ClientTransaction = { id: randomUUID(), request, to, final: false, retransmit: null };
    this.clients.set(txn.id, txn);
    this.clientByBranch.set(branchOf(request)!, txn);
    this.udp.send(text, to.port, to.host);
    let interval = 500;
    let attempts = 0;
    const resend = () => {
      this.udp.send(text, to.port, to.host);
      interval = Math.min(interval * 2, 4000);
      // Gives up after nine sends (about 25 s), as Timer B would; the app then hears nothing more of it.
      txn.retransmit = ++attempts < 9 ? setTimeout(resend, interval) : null;
    };
    txn.retransmit = setTimeout(resend, interval);
    this.respond(msgId, ['OK', 'application', String(text.length), 'udp', to.host, String(to.port), stamp(), txn.id, dialogId], text);
  }

  /** The app cancels its INVITE `txnId`: the CANCEL copies the INVITE's Via, From, To, Call-ID. */
  private cancelFromApp(msgId: string, txnId: string): void {
    const txn = this.clients.get(txnId);
    if (!txn || txn.final) return this.respond(msgId, ['NOK', 'transaction already completed']);
    const cancel: SipMessage = { startLine: `CANCEL ${requestUri(txn.request)} SIP/2.0`, headers: [], body: '' };
    for (const name of ['Via', 'Max-Forwards', 'From', 'To', 'Call-ID']) cancel.headers.push([name, getHeader(txn.request, name)!]);
    cancel.headers.push(['CSeq', `${cseqOf(txn.request)[0]} CANCEL`]);
    const text = formatSip(cancel);
    this.udp.send(text, txn.to.port, txn.to.host);
    this.respond(msgId, ['OK', 'application', String(text.length), 'udp', txn.to.host, String(txn.to.port), stamp(), randomUUID(), ''], text);
  }

  private fromNetwork(text: string, from: { host: string; port: number }): void {
    const message = parseSip(text);
    if (isRequest(message)) this.requestFromNetwork(message, text, from);
    else this.responseFromNetwork(message, text, from);
  }

  private requestFromNetwork(request: SipMessage, text: string, from: { host: string; port: number }): void {
    const method = methodOf(request);
    const branch = branchOf(request) ?? '';
    const callId = getHeader(request, 'call-id') ?? '';
    if (method === 'ACK') {
      // The ACK of a non-2xx final belongs to the INVITE transaction: drachtio absorbs it.
      if (this.serverByBranch.has(branch)) return;
      const dialog = this.dialogByKey.get(`${callId}|${tagOf(getHeader(request, 'to'))}`);
      if (dialog) this.toApp(text, from, 'unsolicited', dialog.id);
      return;
    }
    if (method === 'CANCEL') {
      this.udp.send(formatSip(this.reply(request, '200 OK')), from.port, from.host);
      const invite = this.serverByBranch.get(branch);
      if (invite && invite.final === null) this.toApp(text, from, randomUUID(), '');
      return;
    }
    const known = this.serverByBranch.get(branch);
    if (known) {
      // A retransmission: answer it again if the app already did, otherwise wait for the app.
      if (known.final) this.udp.send(known.final, from.port, from.host);
      return;
    }
    const txn: ServerTransaction = { id: randomUUID(), request, from, localTag: newTag(), final: null };
    this.servers.set(txn.id, txn);
    this.serverByBranch.set(branch, txn);
    const toTag = tagOf(getHeader(request, 'to'));
    let dialogId = '';
    if (toTag) {
      const dialog = this.dialogByKey.get(`${callId}|${toTag}`);
      if (!dialog) {
        this.udp.send(formatSip(this.reply(request, '481 Call/Transaction Does Not Exist')), from.port, from.host);
        return;
      }
      dialogId = dialog.id;
    } else if (method === 'INVITE') {
      this.udp.send(formatSip(this.reply(request, '100 Trying')), from.port, from.host);
    }
    this.toApp(text, from, txn.id, dialogId);
  }

  private responseFromNetwork(response: SipMessage, text: string, from: { host: string; port: number }): void {
    const txn = this.clientByBranch.get(branchOf(response) ?? '');
    const [, method] = cseqOf(response);
    if (!txn || method === 'CANCEL') return;
    this.stopRetransmitting(txn);
    const status = statusOf(response);
    if (txn.final) {
      // A retransmitted final: a 2xx is the app's to ACK (it did), a non-2xx ours.
      if (status >= 300 && method === 'INVITE') this.ackNon2xx(txn, response);
      return;
    }
    let dialogId = '';
    const toTag = tagOf(getHeader(response, 'to'));
    if (method === 'INVITE' && status >= 200 && status < 300 && toTag) {
      const dialog = this.addDialog({
        callId: getHeader(txn.request, 'call-id')!,
        local: getHeader(txn.request, 'from')!,
        remote: getHeader(response, 'to')!,
        targetUri: uriOf(getHeader(response, 'contact') ?? requestUri(txn.request)),
        target: from,
        cseq: cseqOf(txn.request)[0],
        inviteCseq: cseqOf(txn.request)[0],
      });
      dialogId = dialog.id;
    }
    if (method === 'BYE' && status >= 200) this.removeDialog(getHeader(txn.request, 'call-id')!, tagOf(getHeader(txn.request, 'from')));
    if (status >= 200) {
      txn.final = true;
      this.clients.delete(txn.id);
      if (status >= 300 && method === 'INVITE') this.ackNon2xx(txn, response);
    }
    this.toApp(text, from, txn.id, dialogId);
  }

  private stopRetransmitting(txn: ClientTransaction): void {
    if (txn.retransmit) clearTimeout(txn.retransmit);
    txn.retransmit = null;
  }

  /** The ACK of a non-2xx final response, sent by the transaction layer as drachtio-server's sofia does. */
  private ackNon2xx(txn: ClientTransaction, response: SipMessage): void {
    const ack: SipMessage = { startLine: `ACK ${requestUri(txn.request)} SIP/2.0`, headers: [], body: '' };
    for (const name of ['Via', 'Max-Forwards', 'From']) ack.headers.push([name, getHeader(txn.request, name)!]);
    ack.headers.push(['To', getHeader(response, 'to')!], ['Call-ID', getHeader(txn.request, 'call-id')!], ['CSeq', `${cseqOf(txn.request)[0]} ACK`]);
    this.udp.send(formatSip(ack), txn.to.port, txn.to.host);
  }

  /** `sip|network|<len>|udp|<addr>|<port>|<time>|<txnId>|<dialogId>` then the message, as drachtio-agent reads it. */
  private toApp(text: string, from: { host: string; port: number }, txnId: string, dialogId: string): void {
    this.sendApp(`sip|network|${text.length}|udp|${from.host}|${from.port}|${stamp()}|${txnId}|${dialogId}${CRLF}${text}`);
  }

  /** A response the bridge sends itself (100 Trying, 200 to CANCEL, 481). */
  private reply(request: SipMessage, status: string): SipMessage {
    const response: SipMessage = { startLine: `SIP/2.0 ${status}`, headers: [], body: '' };
    for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) response.headers.push([name, getHeader(request, name) ?? '']);
    return response;
  }

  private addDialog(fields: Omit<Dialog, 'id'>): Dialog {
    const localTag = tagOf(fields.local);
    // drachtio-server's convention, relied on by `srf.findDialogByCallIDAndFromTag`.
    const dialog: Dialog = { id: `${fields.callId};from-tag=${tagOf(fields.local)}`, ...fields };
    this.dialogs.set(dialog.id, dialog);
    this.dialogByKey.set(`${fields.callId}|${localTag}`, dialog);
    return dialog;
  }

  private removeDialog(callId: string, localTag: string | null): void {
    const dialog = this.dialogByKey.get(`${callId}|${localTag}`);
    if (!dialog) return;
    this.dialogByKey.delete(`${callId}|${localTag}`);
    this.dialogs.delete(dialog.id);
  }
}
