import { expect } from 'chai';
import type { CallEvent } from '@gasdesk/schema';
import { CtiService } from '../cti-service.ts';
import { systemClock } from '../shared/clock.ts';
import { createLogger } from '../shared/logger.ts';
import { InProcessCallEventSink } from '../sinks/in-process-call-event-sink.ts';
import { PbxSimulator } from '../simulator/pbx-simulator.ts';
import { AmiDriver } from './ami-driver.ts';

describe('AMI driver under load', () => {
  it('should pop the screen for every AgentCalled when 200 calls are up at once', async function () {
    this.timeout(20_000);
    const sim = await PbxSimulator.start({ username: 'gasdesk', secret: 'secret' });
    const driver = new AmiDriver({ host: '127.0.0.1', port: sim.port, username: 'gasdesk', secret: 'secret' }, { clock: systemClock, logger: createLogger('silent') });
    const sink = new InProcessCallEventSink();
    const published: CallEvent[] = [];
    await sink.subscribe((e) => published.push(e));
    const service = new CtiService({ driver, sink, clock: systemClock, logger: createLogger('silent') });
    await service.start();
    let up = 0;
    let peak = 0;
    const off = driver.on('event', (e) => {
      if (e.type === 'call.answered') peak = Math.max(peak, ++up);
      if (e.type === 'call.ended') up -= 1;
    });

    const agents = Array.from({ length: 200 }, (_, i) => String(8001 + i));
    const run = sim.startLoad({ calls: 200, callsPerSecond: 400, agents, talkMs: 1_500 });
    const { calls } = await run.done;
    const until = Date.now() + 5_000;
    while (published.filter((e) => e.type === 'call.ended').length < calls && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));

    off();
    await service.stop();
    await sim.close();
    const count = (type: CallEvent['type']) => published.filter((e) => e.type === type).length;
    expect({ calls, agentCalled: sim.pbx.agentCalledCount, peak }).to.deep.equal({ calls: 200, agentCalled: 200, peak: 200 });
    expect({ ringing: count('call.ringing'), answered: count('call.answered'), ended: count('call.ended') }).to.deep.equal({ ringing: 200, answered: 200, ended: 200 });
    expect(Object.keys(service.currentState().calls)).to.deep.equal([]);
  });
});
