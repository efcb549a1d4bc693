import { expect } from 'chai';
import { CtiService, PbxSimulator, RedisCallEventSink, createTelephonyDriver, type TelephonyDriver } from '@gasdesk/cti';
import type { CallUpdate, CtiCommandAccepted, ScreenPop } from '@gasdesk/schema';
import { createLogger } from '../../cti/src/shared/logger.ts';
import { listenForCommands } from '../../cti/src/sinks/redis-command-listener.ts';
import { systemClock } from '../../cti/src/shared/clock.ts';
import { CallQueue } from '../../backend/src/modules/call-center/call.model.ts';
import { consumeCallEventsFromRedis } from '../../backend/src/modules/call-center/redis-call-events.ts';
import { runAsSystem } from '../../backend/src/shared/request-context.ts';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser, unique } from '../support/factories.ts';
import { REDIS_URL } from '../support/mariadb.ts';
import { connectSocket, type DeskSocket } from '../support/socket.ts';

function next<T>(socket: DeskSocket, name: 'call:screen-pop' | 'call:updated', matches: (p: T) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} in time`)), 10_000);
    const listener = (payload: T) => {
      if (!matches(payload)) return;
      clearTimeout(timer);
      socket.off(name, listener as never);
      resolve(payload);
    };
    socket.on(name, listener as never);
  });
}

/** The production layout in one test: the cti publishes on Redis and listens for commands there; the api consumes under the lock. */
describe('call center over Redis: the cti process and the api apart', () => {
  const queue = unique('q-redis');
  const logger = createLogger('silent');
  let simulator: PbxSimulator;
  let driver: TelephonyDriver;
  let cti: CtiService;
  let sink: RedisCallEventSink;
  let stopCommands: () => Promise<void>;
  let consumer: { close(): Promise<void> };
  let socket: DeskSocket;
  let api: Api;

  before(async () => {
    const prefix = app().c.config.REDIS_PREFIX;
    const company = await makeCompany();
    await runAsSystem('test', () => CallQueue.create({ name: queue, companyId: company.id }));
    const agent = await makeUser(company.id, 'agent', { extension: '7301' });
    simulator = await PbxSimulator.start({ username: 'cti', secret: 'cti-secret', queues: [queue], members: [{ queue, extension: '7301' }], originateAnswerMs: 50, customerAnswerMs: 50 });
    driver = createTelephonyDriver('ami', { host: '127.0.0.1', port: simulator.port, username: 'cti', secret: 'cti-secret' }, { clock: systemClock, logger });
    sink = new RedisCallEventSink(REDIS_URL, prefix, logger);
    cti = new CtiService({ driver, sink, clock: systemClock, logger });
    consumer = await consumeCallEventsFromRedis(app().c, REDIS_URL);
    await cti.start();
    stopCommands = await listenForCommands(REDIS_URL, prefix, driver, logger);
    api = await new Api(app().url).login(agent.username, TEST_PASSWORD, freshIp());
    socket = (await connectSocket(app().url, api.token!)).socket;
  });

  after(async () => {
    socket?.disconnect();
    await stopCommands?.();
    await consumer?.close();
    await cti?.stop();
    await sink?.close();
    await simulator?.close();
  });

  it('should pop and log a call through Redis when the api holds the consumer lock', async () => {
    const callId = simulator.pbx.queueCall({ callerNumber: '13812347301', calledNumber: '057188881234', queue });
    const popped = next<ScreenPop>(socket, 'call:screen-pop', (p) => p.callId === callId);
    simulator.pbx.ringAgent(callId, '7301');
    const pop = await popped;
    expect(pop).to.deep.include({ callerNumber: '138****7301', matches: [], queue });
    const ended = next<CallUpdate>(socket, 'call:updated', (u) => u.callId === callId && u.call.status === 'ended');
    simulator.pbx.answer(callId, '7301');
    simulator.pbx.hangup(callId, 'agent');
    expect((await ended).call).to.deep.include({ pbxCallId: callId, agentExtension: '7301', endReason: 'agent_hangup', waitSeconds: 0 });
  });

  it('should carry a click-to-dial to the cti process and log the outbound call it reports', async () => {
    const started = next<CallUpdate>(socket, 'call:updated', (u) => u.call.direction === 'outbound');
    const reply = await api.post<CtiCommandAccepted>('/api/cti/dial', { number: '13812347302' });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(202);
    expect(reply.body).to.deep.equal({ accepted: true, requestId: null });
    expect((await started).call).to.deep.include({ agentExtension: '7301', callerNumber: '+86138****7302' });
  });
});
