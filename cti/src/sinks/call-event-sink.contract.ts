import { expect } from 'chai';
import type { CallEvent } from '@gasdesk/schema';
import type { CallEventSink } from './call-event-sink.ts';

const ringing: CallEvent = {
  type: 'call.ringing',
  at: '2025-01-06T01:00:04.000Z',
  source: 'ami',
  callId: '1736125200.1',
  callerNumber: '13812341234',
  callerName: null,
  calledNumber: '057188881234',
  queue: 'gas-service',
  agent: { extension: '7001', interface: 'PJSIP/7001' },
  ivr: { account: '1000234', lane: 'service' },
};
const answered: CallEvent = { type: 'call.answered', at: '2025-01-06T01:00:07.000Z', source: 'ami', callId: '1736125200.1', queue: 'gas-service', agent: ringing.agent, holdTime: 7, ringTime: 3 };

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The behaviour every `CallEventSink` must show. Run against each implementation: in-process in
 * the unit tests, Redis (a real server) in the integration tests.
 */
export function describeCallEventSinkContract(name: string, make: () => CallEventSink): void {
  describe(`CallEventSink contract: ${name}`, () => {
    let sink: CallEventSink;

    beforeEach(() => {
      sink = make();
    });
    afterEach(() => sink.close());

    it('should deliver published events whole and in order when a subscriber listens', async () => {
      const received: CallEvent[] = [];
      await sink.subscribe((e) => received.push(e));
      await sink.publish(ringing);
      await sink.publish(answered);
      await until(() => received.length === 2);
      expect(received).to.deep.equal([ringing, answered]);
    });

    it('should stop delivering to a subscriber when it unsubscribes', async () => {
      const kept: CallEvent[] = [];
      const dropped: CallEvent[] = [];
      await sink.subscribe((e) => kept.push(e));
      const unsubscribe = await sink.subscribe((e) => dropped.push(e));
      await unsubscribe();
      await sink.publish(ringing);
      await until(() => kept.length === 1);
      expect(dropped).to.deep.equal([]);
    });

    it('should refuse to publish something that is not a CallEvent', async () => {
      const notAnEvent = { ...ringing, type: 'call.exploded' } as unknown as CallEvent;
      let refused = false;
      await sink.publish(notAnEvent).catch(() => (refused = true));
      expect(refused).to.equal(true);
    });
  });
}
