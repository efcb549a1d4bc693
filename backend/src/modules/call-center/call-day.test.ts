import { expect } from 'chai';
import { callDay, type DayLeg } from './call-day.ts';

const dayStart = new Date('2026-12-03T16:00:00Z'); // 2026-12-04 00:00 in Shanghai
const at = (hhmm: string) => new Date(`2026-12-04T${hhmm}:00+08:00`);
/** `wait` is the queue wait of an answered leg, or how long an abandoning caller waited. */
const leg = (pbxCallId: string, queue: string, start: string, status: string, wait: number | null): DayLeg => ({
  pbxCallId,
  queue,
  status,
  startedAt: at(start),
  answeredAt: status === 'ended' ? at(start) : null,
  endedAt: status === 'abandoned' && wait !== null ? new Date(at(start).getTime() + wait * 1000) : null,
  waitSeconds: status === 'abandoned' ? null : wait,
});
const SL: Record<string, number> = { 'gas-emergency': 15, 'gas-service': 30 };

describe('the day’s calls by half hour', () => {
  it('should count a call once however many agents rang, in the half hour it arrived, against its queue’s threshold', () => {
    const day = callDay(
      [
        leg('c1', 'gas-service', '09:05', 'missed', null),
        leg('c1', 'gas-service', '09:05', 'ended', 25),
        leg('c2', 'gas-service', '09:20', 'ended', 40),
        leg('c3', 'gas-emergency', '09:31', 'ended', 20),
        leg('c4', 'gas-service', '09:59', 'abandoned', 30),
        leg('c6', 'gas-service', '10:10', 'abandoned', 3),
        leg('c5', 'gas-service', '23:59', 'ended', 5),
        leg('old', 'gas-service', '00:00', 'ended', 5),
      ].map((l) => (l.pbxCallId === 'old' ? { ...l, startedAt: new Date(dayStart.getTime() - 1000) } : l)),
      { date: '2026-12-04', dayStart, timeZone: 'Asia/Shanghai', queue: null, goalPercent: 80 },
      { serviceLevelSecondsOf: (q) => SL[q] ?? 20, shortAbandonSeconds: 5 },
    );
    expect(day.slots).to.have.length(48);
    expect(day.shortAbandonSeconds).to.equal(5);
    expect(day.slots[18]).to.deep.equal({ start: '09:00', offered: 2, answered: 2, abandoned: 0, shortAbandoned: 0, answeredInTime: 1, serviceLevelPercent: 50, serviceLevelOfferedPercent: 50, abandonRatePercent: 0, asaSeconds: 32.5 });
    expect(day.slots[19]).to.deep.equal({ start: '09:30', offered: 2, answered: 1, abandoned: 1, shortAbandoned: 0, answeredInTime: 0, serviceLevelPercent: 0, serviceLevelOfferedPercent: 0, abandonRatePercent: 50, asaSeconds: 20 });
    // A caller who gave up within 5 s is offered and abandoned but left out of the rates.
    expect(day.slots[20]).to.deep.equal({ start: '10:00', offered: 1, answered: 0, abandoned: 1, shortAbandoned: 1, answeredInTime: 0, serviceLevelPercent: null, serviceLevelOfferedPercent: null, abandonRatePercent: null, asaSeconds: null });
    expect(day.slots[47]).to.deep.include({ start: '23:30', offered: 1, answeredInTime: 1 });
    expect(day.slots[0]).to.deep.include({ offered: 0, serviceLevelPercent: null, asaSeconds: null });
    expect(day.total).to.deep.equal({ offered: 6, answered: 4, abandoned: 2, shortAbandoned: 1, answeredInTime: 2, serviceLevelPercent: 50, serviceLevelOfferedPercent: 40, abandonRatePercent: 20, asaSeconds: 22.5 });
    expect(day.queues.map((q) => [q.queue, q.serviceLevelSeconds, q.offered, q.serviceLevelPercent])).to.deep.equal([
      ['gas-emergency', 15, 1, 0],
      ['gas-service', 30, 5, 66.7],
    ]);
  });
});
