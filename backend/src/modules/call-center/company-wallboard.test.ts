import { expect } from 'chai';
import type { AgentSnapshot, QueueSnapshot, WallboardSnapshot } from '@gasdesk/schema';
import { companyWallboards } from './company-wallboard.ts';

const none = { ready: 0, ringing: 0, on_call: 0, wrap_up: 0, paused: 0, offline: 0 };
const queue = (name: string): QueueSnapshot => ({
  queue: name, waiting: 0, longestWaitSeconds: 0, answered: 0, answeredWithinServiceLevel: 0, abandoned: 0, shortAbandoned: 0,
  serviceLevelPercent: null, serviceLevelOfferedPercent: null, abandonRatePercent: null, asaSeconds: null, asaP90Seconds: null,
  agentsByState: none, serviceLevelSeconds: 20, shortAbandonSeconds: 5,
});
const agent = (extension: string, queues: string[]): AgentSnapshot => ({
  agent: { extension, interface: `PJSIP/${extension}` }, state: 'ready', pauseReason: null, since: '2026-01-06T01:00:00.000Z',
  secondsInState: 0, secondsByState: none, queues, callId: null,
});

describe('company-wallboard: the PBX wallboard cut per company', () => {
  it('should give each company its assigned queues, the unassigned queues its agents are in, and its agents', () => {
    const snapshot: WallboardSnapshot = {
      at: '2026-01-06T01:00:10.000Z',
      since: '2026-01-06T00:00:00.000Z',
      agents: [agent('7001', ['qj-service']), agent('7001', ['hb-service']), agent('7101', ['shared']), agent('9999', ['shared'])],
      queues: [queue('qj-service'), queue('hb-service'), queue('shared')],
    };
    const users = [
      { id: 1, companyId: 1, extension: '7001', displayName: '张' },
      { id: 2, companyId: 2, extension: '7001', displayName: '李' },
      { id: 3, companyId: 2, extension: '7101', displayName: '王' },
    ];
    const boards = companyWallboards(snapshot, users, new Map([['qj-service', 1], ['hb-service', 2]]));
    expect(boards.map((b) => ({ companyId: b.companyId, queues: b.snapshot!.queues.map((q) => q.queue), agents: b.agents }))).to.deep.equal([
      { companyId: 1, queues: ['qj-service'], agents: [{ userId: 1, extension: '7001', displayName: '张' }] },
      {
        companyId: 2,
        queues: ['hb-service', 'shared'],
        agents: [{ userId: 2, extension: '7001', displayName: '李' }, { userId: 3, extension: '7101', displayName: '王' }],
      },
    ]);
  });
});
