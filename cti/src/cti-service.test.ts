import { expect } from 'chai';
import type { CallEvent } from '@gasdesk/schema';
import { CtiService } from './cti-service.ts';
import { FakeTelephonyDriver } from './fake/fake-telephony-driver.ts';
import { ManualClock } from './shared/clock.ts';
import { createLogger } from './shared/logger.ts';
import { InProcessCallEventSink } from './sinks/in-process-call-event-sink.ts';

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('cti service', () => {
  let clock: ManualClock;
  let driver: FakeTelephonyDriver;
  let service: CtiService;
  let published: CallEvent[];

  beforeEach(async () => {
    clock = new ManualClock('2025-01-06T01:00:00.000Z');
    driver = new FakeTelephonyDriver({ members: [{ queue: 'gas-service', extension: '7001' }] }, { clock });
    const sink = new InProcessCallEventSink();
    published = [];
    await sink.subscribe((e) => published.push(e));
    service = new CtiService({ driver, sink, clock, logger: createLogger('silent') }, { tickMs: 10, wallboardEveryMs: 20 });
    await service.start();
  });

  afterEach(() => service.stop());

  it('should publish what the reducer emits: the call, the agent states and the wallboard, when a call is served', async () => {
    const callId = driver.pbx.queueCall({ callerNumber: '13812341234', calledNumber: '057188881234', queue: 'gas-service' });
    driver.pbx.ringAgent(callId, '7001');
    clock.advance(5_000);
    driver.pbx.answer(callId, '7001');
    await until(() => published.some((e) => e.type === 'call.answered'));
    const types = published.filter((e) => e.type !== 'wallboard.snapshot' && e.type !== 'queue.member_status').map((e) => e.type);
    expect(types).to.deep.equal(['agent.state', 'call.queued', 'call.ringing', 'agent.state', 'call.left_queue', 'call.answered', 'agent.state']);
    expect(published.filter((e) => e.type === 'agent.state').map((e) => e.type === 'agent.state' && [e.state, e.previous])).to.deep.equal([
      ['ready', null],
      ['ringing', 'ready'],
      ['on_call', 'ringing'],
    ]);
    await until(() => published.some((e) => e.type === 'wallboard.snapshot' && e.agents[0]?.state === 'on_call'));
    expect(service.wallboard().queues[0]).to.deep.include({ queue: 'gas-service', answered: 1, asaSeconds: 5 });
  });

  it('should end the agent’s wrap-up by the passing of time when no event comes', async () => {
    const callId = driver.pbx.queueCall({ callerNumber: '13812341234', calledNumber: '057188881234', queue: 'gas-service' });
    driver.pbx.ringAgent(callId, '7001');
    driver.pbx.answer(callId, '7001');
    driver.pbx.hangup(callId, 'caller');
    await until(() => published.some((e) => e.type === 'agent.state' && e.state === 'wrap_up'));
    clock.advance(11_000);
    await until(() => published.some((e) => e.type === 'agent.state' && e.state === 'ready' && e.previous === 'wrap_up'));
  });

  it('should start the day’s queue figures again at midnight in the call center’s time zone, keeping the agents', async () => {
    // 01:00 UTC is 09:00 in Shanghai; 15:59:59 UTC the last second of that day.
    const callId = driver.pbx.queueCall({ callerNumber: '13812341234', calledNumber: '057188881234', queue: 'gas-service' });
    driver.pbx.ringAgent(callId, '7001');
    driver.pbx.answer(callId, '7001');
    await until(() => service.wallboard().queues[0]?.answered === 1);
    clock.advance(14 * 3_600_000 + 59 * 60_000 + 59_000);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(service.wallboard().queues[0]).to.deep.include({ answered: 1 });
    clock.advance(1_000);
    await until(() => service.wallboard().queues.every((q) => q.answered === 0));
    expect(service.wallboard().since).to.equal('2025-01-06T16:00:00.000Z');
    expect(service.wallboard().agents.map((a) => [a.agent.extension, a.state])).to.deep.equal([['7001', 'on_call']]);
  });
});
