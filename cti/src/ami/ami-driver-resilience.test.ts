import { expect } from 'chai';
import type { CallEvent } from '@gasdesk/schema';
import type { CallState } from '../call-state/call-state.ts';
import { CtiService } from '../cti-service.ts';
import { systemClock } from '../shared/clock.ts';
import { createLogger } from '../shared/logger.ts';
import { InProcessCallEventSink } from '../sinks/in-process-call-event-sink.ts';
import { PbxSimulator } from '../simulator/pbx-simulator.ts';
import type { SimCallView } from '../simulator/pbx-model.ts';
import { EventRecorder } from '../testing/event-recorder.ts';
import { TelephonyError } from '../telephony-driver.ts';
import { AmiDriver, type AmiDriverSettings } from './ami-driver.ts';

const logger = createLogger('silent');
const CALLER = { callerNumber: '13812341234', calledNumber: '057188881234', queue: 'gas-service' };
/** Fast reconnects, so that a dead link is repaired within a test's patience. */
const FAST: Partial<AmiDriverSettings> = { pingIntervalMs: 1_000, actionTimeoutMs: 1_000, backoff: { initialMs: 50, maxMs: 200 } };

/** The cti's view of the calls, in the simulator's terms. */
function ctiView(state: CallState): SimCallView[] {
  return Object.values(state.calls).map((call) => ({
    callId: call.callId,
    waitingIn: call.waitingSince ? call.queue : null,
    ringing: Object.keys(call.ringing).sort(),
    agent: call.agent?.extension ?? null,
    answered: call.answeredAt !== null,
  }));
}

const byId = (views: SimCallView[]) => [...views].sort((a, b) => a.callId.localeCompare(b.callId));

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('AMI driver against a failing PBX', () => {
  let sim: PbxSimulator;
  let driver: AmiDriver;

  beforeEach(async () => {
    sim = await PbxSimulator.start({ username: 'gasdesk', secret: 'secret', members: ['7001', '7002', '7003', '7004'].map((extension) => ({ queue: 'gas-service', extension })) });
  });

  afterEach(async () => {
    await driver.close();
    await sim.close();
  });

  const makeDriver = (change: Partial<AmiDriverSettings> = {}) =>
    new AmiDriver({ host: '127.0.0.1', port: sim.port, username: 'gasdesk', secret: 'secret', ...FAST, ...change }, { clock: systemClock, logger, random: () => 0.5 });

  it('should refuse to connect and stay closed when the PBX rejects the secret', async () => {
    driver = makeDriver({ secret: 'wrong' });
    const error = await driver.connect().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(TelephonyError);
    expect([(error as TelephonyError).code, (error as TelephonyError).retryable, driver.status()]).to.deep.equal(['authentication_failed', false, 'closed']);
  });

  it('should keep trying while the PBX is away and connect once it is back', async () => {
    driver = makeDriver();
    const restart = sim.restart(400);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const recorder = new EventRecorder(driver);
    await driver.connect();
    await restart;
    expect(recorder.statuses.map((s) => s.status)).to.include.members(['connecting', 'disconnected', 'connected']);
    expect(driver.status()).to.equal('connected');
  });

  it('should declare the link dead and reconnect when the PBX stops answering pings', async () => {
    driver = makeDriver({ pingIntervalMs: 100 });
    const recorder = new EventRecorder(driver);
    await driver.connect();
    sim.freezeConnections();
    await recorder.until(() => recorder.statuses.filter((s) => s.status === 'connected').length === 2, 3_000);
    const down = recorder.statuses.find((s) => s.status === 'disconnected');
    expect(down?.error).to.equal('no pong within 100 ms');
    expect(recorder.resyncs).to.have.length(2);
  });

  it('should reconnect and resynchronise when the connection is cut', async () => {
    driver = makeDriver();
    const recorder = new EventRecorder(driver);
    await driver.connect();
    sim.dropConnections();
    await recorder.until(() => recorder.resyncs.length === 2, 3_000);
    await recorder.until(() => driver.status() === 'connected', 3_000);
    expect(recorder.statuses.map((s) => [s.status, s.error])).to.deep.equal([
      ['connecting', null],
      ['connected', null],
      ['disconnected', 'the PBX closed the connection'],
      ['connecting', null],
      ['connected', null],
    ]);
  });

  it('should leave no ghost call and match the simulator within 5 s when calls moved on while it was disconnected', async () => {
    driver = makeDriver();
    const sink = new InProcessCallEventSink();
    const published: CallEvent[] = [];
    await sink.subscribe((e) => published.push(e));
    const service = new CtiService({ driver, sink, clock: systemClock, logger });
    await service.start();
    const { pbx } = sim;
    const ended = pbx.queueCall(CALLER);
    pbx.ringAgent(ended, '7001');
    pbx.answer(ended, '7001');
    const answeredInGap = pbx.queueCall(CALLER);
    pbx.ringAgent(answeredInGap, '7002');
    const rungInGap = pbx.queueCall(CALLER);
    await until(() => byId(ctiView(service.currentState())).length === 3 && published.some((e) => e.type === 'call.ringing' && e.callId === answeredInGap), 2_000);

    // The link drops; the PBX carries on without the cti.
    const restart = sim.restart(300);
    await new Promise((resolve) => setTimeout(resolve, 50));
    pbx.hangup(ended, 'caller');
    pbx.answer(answeredInGap, '7002');
    pbx.ringAgent(rungInGap, '7003');
    const joinedInGap = pbx.queueCall(CALLER);
    pbx.ringAgent(joinedInGap, '7004');
    await restart;

    await until(() => JSON.stringify(byId(ctiView(service.currentState()))) === JSON.stringify(byId(pbx.describeCalls())), 5_000);
    await service.stop();
    const about = (callId: string) => published.filter((e) => 'callId' in e && e.callId === callId).map((e) => (e.type === 'call.ended' ? `${e.type}:${e.reason}` : e.type));
    expect(about(ended)).to.deep.equal(['call.queued', 'call.ringing', 'call.left_queue', 'call.answered', 'call.ended:lost']);
    expect(about(answeredInGap)).to.deep.equal(['call.queued', 'call.ringing', 'call.answered']);
    expect(about(rungInGap)).to.deep.equal(['call.queued', 'call.ringing']);
    expect(about(joinedInGap)).to.deep.equal(['call.queued', 'call.ringing']);
  });
});
