import { expect } from 'chai';
import iconv from 'iconv-lite';
import type {
  AccountConsumption,
  AccountDetail,
  CustomerView,
  ErrorBody,
  HhuFile,
  HhuImportReport,
  MeterCalibrationDone,
  MeterHistory,
  ReaderStats,
  ReadingBookView,
  ReadingCycleClosed,
  ReadingCycleView,
  ReadingEntriesResult,
  ReadingExceptionList,
  ReadingRouteView,
  MeterReadingView,
  RemoteReadingReport,
  SelfReadingReceipt,
} from '@gasdesk/schema';
import { app } from '../support/harness.ts';
import { Api, freshIp } from '../support/http.ts';
import { TEST_PASSWORD, makeCompany, makeUser, unique } from '../support/factories.ts';
import { registryDesk } from '../support/registry-desk.ts';

async function openAccount(api: Api, meterId: number, room: string, bookCode: string) {
  const customer = await api.post<CustomerView>('/api/customers', { type: 'residential', name: `住户${room}`, phones: [{ number: '138 5555 0000' }] });
  const opened = await api.post<AccountDetail>(`/api/customers/${customer.body.id}/accounts`, {
    premise: { district: '西湖区', community: '翠苑一区', building: '3幢', unit: '2单元', room },
    category: 'residential_general',
    householdSize: 3,
    openedOn: '2026-01-05',
    readingBookCode: bookCode,
    meter: { meterId, installReading: '12.5' },
  });
  expect(opened.status, JSON.stringify(opened.body)).to.equal(201);
  return opened.body;
}

describe('meter reading: books, cycles, entry, validation, the exception queue, estimates and remote reads', () => {
  let api: Api;
  let readerApi: Api;
  let headEnd: Api;
  let book: ReadingBookView;
  let accounts: AccountDetail[];
  let remoteSerial: string;
  const code = unique('R').toUpperCase();

  before(async () => {
    const desk = await registryDesk([
      { serial: unique('G4-A'), kind: 'conventional' },
      { serial: unique('G4-B'), kind: 'conventional' },
      { serial: unique('G4-C'), kind: 'conventional' },
      { serial: unique('NB-D'), kind: 'remote' },
    ]);
    api = desk.api;
    remoteSerial = desk.meters[3]!.serial;
    accounts = [];
    for (const [i, meter] of desk.meters.entries()) accounts.push(await openAccount(api, meter.id, `${501 + i}室`, code));
    const reader = await makeUser(desk.company.id, 'meter_reader');
    // The head-end platform signs in as a system account of the company's administrators.
    headEnd = await new Api(app().url).login((await makeUser(desk.company.id, 'admin')).username, TEST_PASSWORD, freshIp());
    readerApi = await new Api(app().url).login(reader.username, TEST_PASSWORD, freshIp());
    const created = await api.post<ReadingBookView>('/api/reading-books', { code, name: '翠苑一区', readerId: reader.id, schedule: 'monthly', readDay: 5 });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    book = created.body;
  });

  it('should list the book with its accounts, keep the route order set, and refuse a reader from the outside or a book code twice', async () => {
    expect(book).to.deep.include({ code, name: '翠苑一区', schedule: 'monthly', readDay: 5, active: true, accounts: 4, latestCycle: null });
    const order = [accounts[2]!.id, accounts[0]!.id, accounts[1]!.id, accounts[3]!.id];
    const route = await api.put<ReadingRouteView>(`/api/reading-books/${book.id}/route`, { accountIds: order });
    expect(route.status, JSON.stringify(route.body)).to.equal(200);
    expect(route.body.stops.map((s) => [s.sequence, s.accountId])).to.deep.equal(order.map((id, i) => [i + 1, id]));
    const twice = await api.post<ErrorBody>('/api/reading-books', { code, name: 'again' });
    expect([twice.status, twice.body.error.issues?.[0]?.field]).to.deep.equal([422, 'code']);
    const otherCompany = await makeCompany();
    const stranger = await makeUser(otherCompany.id, 'meter_reader');
    const strangerApi = await new Api(app().url).login(stranger.username, TEST_PASSWORD, freshIp());
    expect((await strangerApi.get(`/api/reading-books/${book.id}`)).status).to.equal(404);
    const badReader = await api.patch<ErrorBody>(`/api/reading-books/${book.id}`, { readerId: stranger.id });
    expect([badReader.status, badReader.body.error.issues?.[0]?.field]).to.deep.equal([422, 'readerId']);
    expect((await readerApi.post('/api/reading-books', { code: 'X1', name: 'x' })).status).to.equal(403);
  });

  it('should open a cycle with one expected reading per meter in route order, return the same cycle when opened again, and refuse a month off the schedule', async () => {
    const opened = await api.post<ReadingCycleView>(`/api/reading-books/${book.id}/cycles`, { period: '2026-02' });
    expect(opened.status, JSON.stringify(opened.body)).to.equal(200);
    expect(opened.body).to.deep.include({ period: '2026-02', status: 'open', plannedOn: '2026-02-05' });
    expect(opened.body.summary).to.deep.equal({ tasks: 4, pending: 4, read: 0, exception: 0, fault: 0, estimated: 0, visitRequired: 0 });
    expect(opened.body.tasks.map((t) => [t.sequence, t.accountId, t.previous])).to.deep.equal([
      [1, accounts[2]!.id, { value: '12.500', readOn: '2026-01-05', kind: 'actual' }],
      [2, accounts[0]!.id, { value: '12.500', readOn: '2026-01-05', kind: 'actual' }],
      [3, accounts[1]!.id, { value: '12.500', readOn: '2026-01-05', kind: 'actual' }],
      [4, accounts[3]!.id, { value: '12.500', readOn: '2026-01-05', kind: 'actual' }],
    ]);
    const again = await api.post<ReadingCycleView>(`/api/reading-books/${book.id}/cycles`, { period: '2026-02' });
    expect(again.body.id).to.equal(opened.body.id);
    await api.patch(`/api/reading-books/${book.id}`, { schedule: 'odd_months' });
    const off = await api.post<ErrorBody>(`/api/reading-books/${book.id}/cycles`, { period: '2026-04' });
    expect([off.status, off.body.error.issues?.[0]?.field]).to.deep.equal([422, 'period']);
    await api.patch(`/api/reading-books/${book.id}`, { schedule: 'monthly' });
  });

  it('should accept a plausible reading, queue a lower one with its reason, note a fault, and take the same reading twice as a duplicate', async () => {
    const cycle = (await api.get<ReadingCycleView>(`/api/reading-books/${book.id}/cycles`)).body as unknown as { items: { id: number }[] };
    const cycleId = cycle.items[0]!.id;
    const tasks = (await readerApi.get<ReadingCycleView>(`/api/reading-cycles/${cycleId}`)).body.tasks;
    const entered = await readerApi.post<ReadingEntriesResult>(`/api/reading-cycles/${cycleId}/readings`, {
      entries: [
        { taskId: tasks[0]!.id, value: '42.5', readOn: '2026-02-05' },
        { taskId: tasks[1]!.id, value: '10', readOn: '2026-02-05' },
        { taskId: tasks[2]!.id, value: null, faultCode: 'no_access', readOn: '2026-02-05', note: '家中无人' },
      ],
    });
    expect(entered.status, JSON.stringify(entered.body)).to.equal(200);
    const [ok, low, fault] = entered.body.results;
    expect(ok).to.deep.include({ taskId: tasks[0]!.id, outcome: 'accepted', consumption: '30.000', problems: [] });
    expect(low).to.deep.include({ taskId: tasks[1]!.id, outcome: 'exception' });
    expect(low!.problems.map((p) => p.code)).to.deep.equal(['lower_than_last']);
    expect(fault).to.deep.equal({ taskId: tasks[2]!.id, outcome: 'fault', readingId: null, consumption: null, problems: [] });
    const twice = await readerApi.post<ReadingEntriesResult>(`/api/reading-cycles/${cycleId}/readings`, { entries: [{ taskId: tasks[0]!.id, value: '42.500', readOn: '2026-02-05' }] });
    expect(twice.body.results[0]).to.deep.include({ outcome: 'duplicate' });
    const bad = await readerApi.post<ErrorBody>(`/api/reading-cycles/${cycleId}/readings`, { entries: [{ taskId: tasks[0]!.id, value: '42.5', faultCode: 'no_access', readOn: '2026-02-05' }] });
    expect([bad.status, bad.body.error.issues?.[0]?.field]).to.deep.equal([422, 'entries.0.value']);
    const view = (await readerApi.get<ReadingCycleView>(`/api/reading-cycles/${cycleId}`)).body;
    expect(view.summary).to.deep.equal({ tasks: 4, pending: 1, read: 1, exception: 1, fault: 1, estimated: 0, visitRequired: 0 });
  });

  it('should keep a queued reading out of the consumption until someone corrects it, then count the corrected value', async () => {
    const queue = (await api.get<ReadingExceptionList>(`/api/readings/exceptions?bookId=${book.id}`)).body;
    expect(queue.items.map((r) => [r.accountId, r.value, r.status, r.previous?.value, r.bookCode])).to.deep.equal([[accounts[0]!.id, '10.000', 'exception', '12.500', code]]);
    const before = (await api.get<AccountConsumption>(`/api/accounts/${accounts[0]!.id}/consumption?from=2026-01-05&to=2026-02-05`)).body;
    expect(before.covered).to.equal(false);
    const noNote = await api.post<ErrorBody>(`/api/readings/${queue.items[0]!.id}/resolve`, { action: 'correct', value: '20.5' });
    expect(noNote.status).to.equal(422);
    const corrected = await api.post<MeterReadingView>(`/api/readings/${queue.items[0]!.id}/resolve`, { action: 'correct', value: '20.5', note: '抄表员看错一位' });
    expect(corrected.status, JSON.stringify(corrected.body)).to.equal(200);
    expect(corrected.body).to.deep.include({ value: '20.500', status: 'accepted', consumption: '8.000' });
    expect((await api.get<ReadingExceptionList>(`/api/readings/exceptions?bookId=${book.id}`)).body.total).to.equal(0);
    const after = (await api.get<AccountConsumption>(`/api/accounts/${accounts[0]!.id}/consumption?from=2026-01-05&to=2026-02-05`)).body;
    expect(after).to.deep.include({ covered: true, volume: '8.000' });
    expect((await api.post(`/api/readings/${queue.items[0]!.id}/resolve`, { action: 'accept', note: 'x' })).status).to.equal(409);
  });

  it('should take remote reads once per meter and moment, answer the meter’s open task, and refuse unknown meters by row', async () => {
    const batch = {
      readings: [
        { meterSerial: remoteSerial, value: '40.250', readAt: '2026-02-04T16:30:00Z' },
        { meterSerial: 'NOPE-1', value: '1', readAt: '2026-02-04T16:30:00Z' },
      ],
    };
    const first = await headEnd.post<RemoteReadingReport>('/api/readings/remote', batch);
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body).to.deep.equal({ received: 2, accepted: 1, exceptions: 0, duplicates: 0, refused: [{ index: 1, meterSerial: 'NOPE-1', reason: 'no meter with this serial' }] });
    const again = await headEnd.post<RemoteReadingReport>('/api/readings/remote', batch);
    expect(again.body).to.deep.include({ accepted: 0, duplicates: 1 });
    const consumption = (await api.get<AccountConsumption>(`/api/accounts/${accounts[3]!.id}/consumption?from=2026-01-05&to=2026-02-05`)).body;
    // 16:30 UTC on the 4th is 00:30 on the 5th in Shanghai: the reading's business date.
    expect(consumption).to.deep.include({ covered: true, volume: '27.750', standardVolume: null, standardSource: 'none' });
    // A commercial meter without a corrector: the period's average conditions give the standard volume too.
    const corrected = (await api.get<AccountConsumption>(`/api/accounts/${accounts[3]!.id}/consumption?from=2026-01-05&to=2026-02-05&pressureKpa=301.325&temperatureC=5`)).body;
    expect(corrected).to.deep.include({ volume: '27.750', standardVolume: '86.975', standardSource: 'computed' });
    const half = await api.get<ErrorBody>(`/api/accounts/${accounts[3]!.id}/consumption?from=2026-01-05&to=2026-02-05&pressureKpa=301.325`);
    expect([half.status, half.body.error.issues?.[0]?.field]).to.deep.equal([400, 'pressureKpa']);
    expect((await api.post('/api/readings/remote', batch)).status).to.equal(403);
  });

  it('should estimate the unread meter when the cycle closes and count the month per reader', async () => {
    const cycles = (await api.get<{ items: { id: number }[] }>(`/api/reading-books/${book.id}/cycles`)).body;
    const closed = await api.post<ReadingCycleClosed>(`/api/reading-cycles/${cycles.items[0]!.id}/close`);
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
    expect(closed.body.estimated + closed.body.visitRequired).to.equal(1);
    expect(closed.body.cycle.status).to.equal('closed');
    expect(closed.body.cycle.summary).to.deep.include({ tasks: 4, pending: 0, read: 3, exception: 0 });
    const late = await readerApi.post<ErrorBody>(`/api/reading-cycles/${cycles.items[0]!.id}/readings`, { entries: [{ taskId: 1, value: '1', readOn: '2026-02-06' }] });
    expect(late.status).to.equal(409);
    const stats = (await api.get<ReaderStats>('/api/readings/reader-stats?period=2026-02')).body;
    expect(stats.readers).to.have.length(1);
    expect(stats.readers[0]).to.deep.include({ books: 1, tasks: 4, read: 3, exceptions: 0, pending: 0 });
  });
});

describe('meter reading: handheld files out and back, and customers’ own readings', () => {
  let api: Api;
  let cycle: ReadingCycleView;
  let companyCode: string;
  let accountNos: string[];
  const code = unique('H').toUpperCase();

  before(async () => {
    const desk = await registryDesk();
    api = desk.api;
    companyCode = desk.company.code;
    accountNos = [];
    for (const [i, meter] of desk.meters.entries()) accountNos.push((await openAccount(api, meter.id, `${701 + i}室`, code)).accountNo);
    const book = (await api.post<ReadingBookView>('/api/reading-books', { code, name: '手持机测试', schedule: 'monthly', readDay: 10 })).body;
    cycle = (await api.post<ReadingCycleView>(`/api/reading-books/${book.id}/cycles`, { period: '2026-03' })).body;
  });

  const upload = (bytes: Uint8Array, fileName = 'result.csv') =>
    fetch(`${app().url}/api/reading-cycles/${cycle.id}/hhu-file?fileName=${fileName}`, { method: 'POST', headers: { authorization: `Bearer ${api.token}`, 'content-type': 'text/csv' }, body: Buffer.from(bytes) }).then(async (r) => ({ status: r.status, body: (await r.json()) as HhuImportReport & ErrorBody }));

  it('should export the cycle in GBK, take back what the handheld filled in once, and refuse a file for another cycle', async () => {
    const exported = await api.get<HhuFile>(`/api/reading-cycles/${cycle.id}/hhu-file?encoding=gbk`);
    expect(exported.status, JSON.stringify(exported.body)).to.equal(200);
    expect(exported.body).to.deep.include({ fileName: `${code}-2026-03-gbk.csv`, encoding: 'gbk' });
    const lines = iconv.decode(Buffer.from(exported.body.base64, 'base64'), 'gbk').split('\r\n');
    expect(lines[2]).to.equal(`#book,${code},手持机测试`);
    expect(lines.slice(9, 12).map((l) => l.split(',').slice(5, 7))).to.deep.equal([['12.500', '2026-01-05'], ['12.500', '2026-01-05'], ['12.500', '2026-01-05']]);
    lines[9] = lines[9]!.replace(/,,,,$/, ',52.5,2026-03-10 09:15,,');
    lines[10] = lines[10]!.replace(/,,,,$/, ',,2026-03-10 09:40,表盘不清,表盘起雾');
    lines[11] = lines[11]!.replace(/,,,,$/, ',9999,2026-03-10 10:05,,');
    const bytes = new Uint8Array(iconv.encode(lines.join('\r\n'), 'gbk'));

    const first = await upload(bytes);
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    expect(first.body).to.deep.include({ fileName: 'result.csv', alreadyImported: false, rows: 3, accepted: 1, exceptions: 1, faults: 1, duplicates: 0 });
    expect(first.body.problems.map((p) => [p.line, p.outcome])).to.deep.equal([[12, 'exception']]);
    const again = await upload(bytes, 'again.csv');
    expect(again.body).to.deep.include({ importId: first.body.importId, alreadyImported: true, accepted: 1 });
    const view = (await api.get<ReadingCycleView>(`/api/reading-cycles/${cycle.id}`)).body;
    expect(view.summary).to.deep.include({ read: 1, exception: 1, fault: 1, pending: 0 });
    expect(view.tasks[0]!.reading).to.deep.include({ value: '52.500', readOn: '2026-03-10', consumption: '40.000' });

    lines[3] = '#cycle,2026-04';
    const wrong = await upload(new Uint8Array(iconv.encode(lines.join('\r\n'), 'gbk')));
    expect([wrong.status, wrong.body.error.issues]).to.deep.equal([422, [{ field: 'file', message: 'line 4: the file is for the 2026-04 cycle, not 2026-03' }]]);
  });

  it('should take a customer’s own reading when a phone on the account ends in the digits given, and throttle wrong pairs', async () => {
    const anonymous = new Api(app().url);
    const ip = freshIp();
    const wrong = await anonymous.post<ErrorBody>('/api/self-service/readings', { companyCode, accountNo: accountNos[2], phoneLast4: '1234', value: '60.5' }, ip);
    expect([wrong.status, wrong.body.error.message]).to.deep.equal([404, 'no account matches this account number and phone']);
    const ok = await anonymous.post<SelfReadingReceipt>('/api/self-service/readings', { companyCode, accountNo: accountNos[2], phoneLast4: '0000', value: '60.5' }, ip);
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    expect(ok.body.outcome).to.be.oneOf(['accepted', 'exception']);
    const again = await anonymous.post<SelfReadingReceipt>('/api/self-service/readings', { companyCode, accountNo: accountNos[2], phoneLast4: '0000', value: '60.500' }, ip);
    expect(again.body.outcome).to.equal('duplicate');
    for (let i = 0; i < 9; i += 1) await anonymous.post('/api/self-service/readings', { companyCode, accountNo: 'NOPE', phoneLast4: '0000', value: '1' }, ip);
    const locked = await anonymous.post<ErrorBody>('/api/self-service/readings', { companyCode, accountNo: accountNos[2], phoneLast4: '0000', value: '61' }, ip);
    expect(locked.status).to.equal(429);
  });
});

describe('meter reading: periodic verification of a meter by replacement, switching or estimation', () => {
  it('should send the meter to calibration and put the spare in with both readings, or estimate the days the meter was away and count them as estimated', async () => {
    const desk = await registryDesk();
    const code = unique('C').toUpperCase();
    const [a, b] = [await openAccount(desk.api, desk.meters[0]!.id, '801室', code), await openAccount(desk.api, desk.meters[1]!.id, '802室', code)];
    const replaced = await desk.api.post<MeterCalibrationDone>(`/api/accounts/${a.id}/meter-calibration`, {
      method: 'replacement',
      readOn: '2026-02-10',
      removalReading: '20.0',
      newMeterId: desk.meters[2]!.id,
      installReading: '0.5',
      warehouseId: desk.warehouse.id,
    });
    expect(replaced.status, JSON.stringify(replaced.body)).to.equal(200);
    expect(replaced.body).to.deep.equal({ method: 'replacement', meterId: desk.meters[2]!.id, estimated: null });
    const old = (await desk.api.get<MeterHistory>(`/api/meters/${desk.meters[0]!.id}/history`)).body;
    expect(old.meter.status).to.equal('in_calibration');
    expect(old.movements.map((m) => m.kind)).to.deep.equal(['received', 'issued', 'returned', 'sent_to_calibration']);
    expect(old.readings.map((r) => [r.reason, r.value])).to.deep.equal([['install', '12.500'], ['removal', '20.000']]);

    const book = (await desk.api.post<ReadingBookView>('/api/reading-books', { code, name: '检定', readDay: 5 })).body;
    const february = (await desk.api.post<ReadingCycleView>(`/api/reading-books/${book.id}/cycles`, { period: '2026-02' })).body;
    const taskOfB = february.tasks.find((t) => t.accountId === b.id)!;
    await desk.api.post(`/api/reading-cycles/${february.id}/readings`, { entries: [{ taskId: taskOfB.id, value: '43.5', readOn: '2026-02-05' }] });
    const visit = await desk.api.post<MeterCalibrationDone>(`/api/accounts/${b.id}/meter-calibration`, { method: 'estimation', takenOn: '2026-02-20', takenReading: '57', returnedOn: '2026-02-25' });
    expect(visit.status, JSON.stringify(visit.body)).to.equal(200);
    // 44.5 m³ over the 46 days it was read before (0.967 a day), five days away.
    expect(visit.body).to.deep.include({ method: 'estimation', meterId: desk.meters[1]!.id });
    expect(visit.body.estimated).to.deep.include({ volume: '4.835', days: 5 });
    const march = (await desk.api.post<ReadingCycleView>(`/api/reading-books/${book.id}/cycles`, { period: '2026-03' })).body;
    const entered = await desk.api.post<ReadingEntriesResult>(`/api/reading-cycles/${march.id}/readings`, { entries: [{ taskId: march.tasks.find((t) => t.accountId === b.id)!.id, value: '65', readOn: '2026-03-05' }] });
    expect(entered.body.results[0]).to.deep.include({ outcome: 'accepted', consumption: '8.000' });
    const use = (await desk.api.get<AccountConsumption>(`/api/accounts/${b.id}/consumption?from=2026-02-05&to=2026-03-05`)).body;
    // 13.5 up to the day it was taken, 4.835 estimated while away, 8 since it is back.
    expect(use).to.deep.include({ covered: true, volume: '26.335', provenance: ['actual', 'estimated'] });
    const refused = await desk.api.post<ErrorBody>(`/api/accounts/${b.id}/meter-calibration`, { method: 'estimation', takenOn: '2026-03-10', takenReading: '66', returnedOn: '2026-03-09' });
    expect([refused.status, refused.body.error.issues?.[0]?.field]).to.deep.equal([422, 'returnedOn']);
  });
});
