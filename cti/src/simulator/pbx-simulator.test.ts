import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { CallEvent } from '@gasdesk/schema';
import { amiMessage, header, type AmiMessage } from '../ami/ami-message.ts';
import { emptyCallBook, mapAmiEvent } from '../mapping/ami-to-call-event.ts';
import { ManualClock, systemClock } from '../shared/clock.ts';
import { RawAmiClient } from '../testing/raw-ami-client.ts';
import { startDemo } from './demo.ts';
import { PbxModel } from './pbx-model.ts';
import { PbxSimulator } from './pbx-simulator.ts';
import { scenarios, type ScenarioName } from './scenarios.ts';
import { recordTranscript } from './transcript.ts';

const names = (messages: readonly AmiMessage[]) => messages.map((m) => header(m, 'event') ?? `Response: ${header(m, 'response')}`);

describe('PBX simulator', () => {
  describe('AMI protocol over TCP', () => {
    let sim: PbxSimulator;
    let client: RawAmiClient;

    beforeEach(async () => {
      sim = await PbxSimulator.start({
        username: 'gasdesk',
        secret: 'right',
        clock: new ManualClock('2025-01-06T01:00:00.000Z'),
        members: [{ queue: 'gas-service', extension: '7001' }],
      });
      client = await RawAmiClient.open(sim.port);
    });

    afterEach(async () => {
      client.close();
      await sim.close();
    });

    const login = async () => {
      client.send([['Action', 'Login'], ['Username', 'gasdesk'], ['Secret', 'right'], ['ActionID', 'l1']]);
      await client.response('l1');
    };

    it('should greet with the banner, answer a wrong secret with an error and close the session', async () => {
      client.send([['Action', 'Login'], ['Username', 'gasdesk'], ['Secret', 'wrong'], ['ActionID', 'l1']]);
      expect(await client.response('l1')).to.deep.equal(amiMessage([['Response', 'Error'], ['ActionID', 'l1'], ['Message', 'Authentication failed']]));
      await client.untilClosed();
      expect(client.banner).to.equal('Asterisk Call Manager/9.0.0');
    });

    it('should accept the right secret in any key case, then answer Ping with Pong echoing the ActionID', async () => {
      client.send([['action', 'login'], ['USERNAME', 'GasDesk'], ['secret', 'right'], ['actionid', 'l1']]);
      expect(await client.response('l1')).to.deep.equal(amiMessage([['Response', 'Success'], ['ActionID', 'l1'], ['Message', 'Authentication accepted']]));
      client.send([['Action', 'Ping'], ['ActionID', 'p1']]);
      expect(await client.response('p1')).to.deep.equal(amiMessage([['Response', 'Success'], ['ActionID', 'p1'], ['Ping', 'Pong'], ['Timestamp', '1736125200.000000']]));
    });

    it('should refuse actions before the login and name an unknown action after it', async () => {
      client.send([['Action', 'QueueStatus'], ['ActionID', 'q0']]);
      expect(await client.response('q0')).to.deep.equal(amiMessage([['Response', 'Error'], ['ActionID', 'q0'], ['Message', 'Permission denied']]));
      await login();
      client.send([['Action', 'MakeCoffee'], ['ActionID', 'x1']]);
      expect(await client.response('x1')).to.deep.equal(
        amiMessage([['Response', 'Error'], ['ActionID', 'x1'], ['Message', 'Invalid/unknown command: MakeCoffee. Use Action: ListCommands to show available commands.']]),
      );
    });

    it('should answer QueueStatus with the queues, members and waiting callers as events closed by QueueStatusComplete', async () => {
      await login();
      const callId = sim.pbx.queueCall({ callerNumber: '13812341234', calledNumber: '057188881234', queue: 'gas-service', ivr: { lane: 'service' } });
      const from = client.received.length;
      client.send([['Action', 'QueueStatus'], ['Queue', 'gas-service'], ['ActionID', 'q1']]);
      await client.next((m) => header(m, 'event') === 'QueueStatusComplete', from);
      const answer = client.received.slice(from).filter((m) => header(m, 'actionid') === 'q1');
      expect(names(answer)).to.deep.equal(['Response: Success', 'QueueParams', 'QueueMember', 'QueueEntry', 'QueueStatusComplete']);
      expect(answer[3]).to.deep.equal(
        amiMessage([
          ['Event', 'QueueEntry'],
          ['ActionID', 'q1'],
          ['Queue', 'gas-service'],
          ['Position', '1'],
          ['Channel', 'PJSIP/carrier-00000001'],
          ['Uniqueid', callId],
          ['CallerIDNum', '13812341234'],
          ['CallerIDName', '<unknown>'],
          ['ConnectedLineNum', '<unknown>'],
          ['ConnectedLineName', '<unknown>'],
          ['Wait', '0'],
          ['Priority', '0'],
        ]),
      );
      expect(answer[4]).to.deep.equal(amiMessage([['Event', 'QueueStatusComplete'], ['ActionID', 'q1'], ['EventList', 'Complete'], ['ListItems', '3']]));
    });

    it('should list channels and queue summaries as events closed by their Complete event', async () => {
      await login();
      sim.pbx.queueCall({ callerNumber: '13812341234', calledNumber: '057188881234', queue: 'gas-service' });
      const from = client.received.length;
      client.send([['Action', 'CoreShowChannels'], ['ActionID', 'c1']]);
      client.send([['Action', 'QueueSummary'], ['Queue', 'gas-service'], ['ActionID', 's1']]);
      await client.next((m) => header(m, 'event') === 'QueueSummaryComplete', from);
      const answers = client.received.slice(from).filter((m) => ['c1', 's1'].includes(header(m, 'actionid') ?? ''));
      expect(names(answers)).to.deep.equal(['Response: Success', 'CoreShowChannel', 'CoreShowChannelsComplete', 'Response: Success', 'QueueSummary', 'QueueSummaryComplete']);
      expect(answers[4]).to.deep.equal(
        amiMessage([
          ['Event', 'QueueSummary'],
          ['ActionID', 's1'],
          ['Queue', 'gas-service'],
          ['LoggedIn', '1'],
          ['Available', '1'],
          ['Callers', '1'],
          ['HoldTime', '0'],
          ['TalkTime', '0'],
          ['LongestHoldTime', '0'],
        ]),
      );
    });

    it('should report an unregistered phone as unavailable and fail a click-to-dial to it', async () => {
      await login();
      const from = client.received.length;
      sim.pbx.setRegistered('7001', false);
      client.send([['Action', 'Originate'], ['Channel', 'PJSIP/7001'], ['Context', 'outbound'], ['Exten', '13912345678'], ['Priority', '1'], ['Async', 'true'], ['ActionID', 'o1']]);
      const status = await client.next((m) => header(m, 'event') === 'QueueMemberStatus', from);
      const failure = await client.next((m) => header(m, 'event') === 'OriginateResponse', from);
      expect([header(status, 'interface'), header(status, 'status')]).to.deep.equal(['PJSIP/7001', '5']);
      expect([header(failure, 'actionid'), header(failure, 'response'), header(failure, 'reason')]).to.deep.equal(['o1', 'Failure', '0']);
    });

    it('should pause a member with its reason as QueueMemberPause and refuse to remove a static member', async () => {
      await login();
      client.send([['Action', 'QueuePause'], ['Interface', 'PJSIP/7001'], ['Paused', 'true'], ['Reason', '午休'], ['ActionID', 'p1']]);
      expect(await client.response('p1')).to.deep.equal(amiMessage([['Response', 'Success'], ['ActionID', 'p1'], ['Message', 'Interface paused successfully']]));
      const pause = await client.next((m) => header(m, 'event') === 'QueueMemberPause');
      expect([header(pause, 'interface'), header(pause, 'paused'), header(pause, 'pausedreason')]).to.deep.equal(['PJSIP/7001', '1', '午休']);
      client.send([['Action', 'QueueRemove'], ['Queue', 'gas-service'], ['Interface', 'PJSIP/7001'], ['ActionID', 'r1']]);
      expect(await client.response('r1')).to.deep.equal(amiMessage([['Response', 'Error'], ['ActionID', 'r1'], ['Message', 'Member not dynamic']]));
    });
  });

  describe('demo mode', () => {
    it('should send a trickle of calls, mostly from demo customers, into the three queues and have the given agents answer', async () => {
      let seed = 42;
      const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
      const pbx = new PbxModel({ clock: systemClock, members: [], queues: ['gas-emergency', 'gas-service', 'gas-billing'] });
      let book = emptyCallBook();
      const events: CallEvent[] = [];
      pbx.onEvent((fields) => {
        const result = mapAmiEvent(book, amiMessage(fields), { receivedAt: new Date().toISOString(), source: 'sim' });
        book = result.book;
        events.push(...result.events);
      });
      const known = ['13812341234', '13998765432', '057187654321'];
      const demo = startDemo(pbx, { callerNumbers: known, agents: ['7001', '7002'], timeScale: 0.01, random });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      demo.stop();
      const queued = events.filter((e) => e.type === 'call.queued');
      const answered = events.filter((e) => e.type === 'call.answered');
      expect(queued.length).to.be.greaterThan(3);
      expect(queued.filter((e) => known.includes(e.callerNumber ?? '')).length).to.be.greaterThan(queued.length / 2);
      expect(queued.every((e) => known.includes(e.callerNumber ?? '') || /^13\d{9}$/.test(e.callerNumber ?? ''))).to.equal(true);
      expect([...new Set(queued.map((e) => e.queue))].every((q) => ['gas-emergency', 'gas-service', 'gas-billing'].includes(q))).to.equal(true);
      expect(answered.length).to.be.greaterThan(0);
      expect(answered.every((e) => ['7001', '7002'].includes(e.agent.extension))).to.equal(true);
    });
  });

  describe('scenarios', () => {
    for (const name of Object.keys(scenarios) as ScenarioName[]) {
      it(`should play ${name} exactly as recorded in its transcript`, async () => {
        const recorded = readFileSync(new URL(`../transcripts/${name}.ami`, import.meta.url), 'utf8');
        expect(await recordTranscript(name)).to.equal(recorded);
      });
    }
  });
});
