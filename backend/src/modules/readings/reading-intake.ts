import { Op, type CreationAttributes, type Transaction } from 'sequelize';
import type { ReadingOutcome, ReadingProblemView, ReadingSource } from '@gasdesk/schema';
import { insertRows, upsertRows } from '../../db/bulk-insert.ts';
import { MeterReadState } from './meter-read-state.model.ts';
import { MeterReading } from './meter-reading.model.ts';
import { advanceReadState, type ReadState } from './read-state.ts';
import { validateReading, type ReadingRules } from './reading-validation.ts';

/** One reading offered by any source (desk entry, handheld file, head-end, customer), with what validation needs of its meter. */
export interface IntakeCandidate {
  companyId: number;
  meterId: number;
  accountId: number | null;
  registerDigits: number;
  maxFlow: string;
  /** Someone lives or works there (an active account): zero use is then suspicious. */
  occupied: boolean;
  value: string;
  readOn: string;
  readAt: Date | null;
  source: ReadingSource;
  taskId: number | null;
  standardValue: string | null;
  note: string | null;
  userId: number | null;
}

export interface IntakeResult {
  outcome: Extract<ReadingOutcome, 'accepted' | 'exception' | 'duplicate'>;
  readingId: number | null;
  consumption: string | null;
  problems: ReadingProblemView[];
}

const momentKey = (meterId: number, at: Date) => `${meterId}@${at.getTime()}`;

/**
 * Stores readings after validating each against its meter's state: accepted ones advance the
 * state, failing ones are stored as exceptions with their problems, and a reading already there
 * (same meter and moment from a head-end, or the same value on the same day) changes nothing.
 * Readings of one meter in one batch are taken in date order, each against the state the
 * previous one left. Runs inside the caller's transaction; the meters' state rows are locked.
 */
export async function takeReadings(candidates: readonly IntakeCandidate[], rules: ReadingRules, t: Transaction): Promise<IntakeResult[]> {
  if (candidates.length === 0) return [];
  const meterIds = [...new Set(candidates.map((c) => c.meterId))];
  const states = await lockedStates(meterIds, t);
  const seen = await storedMoments(candidates, t);

  const results: IntakeResult[] = new Array<IntakeResult>(candidates.length);
  const order = candidates.map((_, i) => i).sort((a, b) => compareCandidates(candidates[a]!, candidates[b]!));
  const rows: { index: number; row: CreationAttributes<MeterReading> & { problems: ReadingProblemView[] } }[] = [];
  const changed = new Set<number>();
  for (const index of order) {
    const c = candidates[index]!;
    if (c.readAt && seen.has(momentKey(c.meterId, c.readAt))) {
      results[index] = { outcome: 'duplicate', readingId: null, consumption: null, problems: [] };
      continue;
    }
    if (c.readAt) seen.add(momentKey(c.meterId, c.readAt));
    const state = states.get(c.meterId) ?? null;
    const verdict = validateReading({ registerDigits: c.registerDigits, maxFlow: c.maxFlow }, state, c.occupied, { value: c.value, readOn: c.readOn }, rules);
    if (verdict.duplicate) {
      results[index] = { outcome: 'duplicate', readingId: state?.lastReadingId ?? null, consumption: null, problems: [] };
      continue;
    }
    const accepted = verdict.problems.length === 0;
    rows.push({
      index,
      row: {
        companyId: c.companyId,
        meterId: c.meterId,
        accountId: c.accountId,
        value: c.value,
        readOn: c.readOn,
        readAt: c.readAt,
        reason: 'periodic',
        source: c.source,
        kind: 'actual',
        status: accepted ? 'accepted' : 'exception',
        taskId: c.taskId,
        consumption: verdict.consumption,
        standardValue: c.standardValue,
        rollover: verdict.rollover,
        problems: verdict.problems,
        note: c.note,
        userId: c.userId,
      },
    });
    results[index] = { outcome: accepted ? 'accepted' : 'exception', readingId: null, consumption: verdict.consumption, problems: verdict.problems };
    if (accepted) {
      // The id is known after the insert; the state is completed then.
      states.set(c.meterId, advanceReadState(state, { id: 0, value: c.value, readOn: c.readOn, readAt: c.readAt, kind: 'actual', consumption: verdict.consumption }));
      changed.add(c.meterId);
    }
  }

  const ids = await insertRows(MeterReading, rows.map((r) => ({ ...r.row, problems: r.row.problems && r.row.problems.length > 0 ? JSON.stringify(r.row.problems) : null })), t);
  const lastAccepted = new Map<number, number>();
  rows.forEach(({ index, row }, i) => {
    results[index]!.readingId = ids[i]!;
    if (row.status === 'accepted') lastAccepted.set(row.meterId, ids[i]!);
  });
  const companyOf = new Map(candidates.map((c) => [c.meterId, c.companyId]));
  if (changed.size > 0) await saveStates([...changed].map((meterId) => ({ meterId, companyId: companyOf.get(meterId)!, state: { ...states.get(meterId)!, lastReadingId: lastAccepted.get(meterId)! } })), t);
  return results;
}

/** The meters' states, their rows locked for the transaction; read raw, as thousands are read at once. */
export async function lockedStates(meterIds: readonly number[], t: Transaction): Promise<Map<number, ReadState>> {
  const rows = await MeterReadState.findAll({ where: { meterId: [...meterIds] }, transaction: t, lock: t.LOCK.UPDATE, raw: true });
  return new Map(
    rows.map((r) => [
      r.meterId,
      {
        lastReadingId: r.lastReadingId,
        // SQLite gives numbers where MySQL gives decimal strings.
        lastValue: Number(r.lastValue).toFixed(3),
        lastReadOn: r.lastReadOn,
        lastReadAt: r.lastReadAt === null ? null : new Date(r.lastReadAt),
        lastKind: r.lastKind,
        actualPeriods: r.actualPeriods,
        actualDays: r.actualDays,
        actualVolume: Number(r.actualVolume).toFixed(3),
        consecutiveEstimates: r.consecutiveEstimates,
      },
    ]),
  );
}

/** Writes meters' states, inserting or replacing each. */
export async function saveStates(states: readonly { meterId: number; companyId: number; state: ReadState }[], t: Transaction): Promise<void> {
  if (states.length === 0) return;
  await upsertRows(
    MeterReadState,
    states.map(({ meterId, companyId, state }) => ({ meterId, companyId, ...state })),
    ['lastReadingId', 'lastValue', 'lastReadOn', 'lastReadAt', 'lastKind', 'actualPeriods', 'actualDays', 'actualVolume', 'consecutiveEstimates', 'updatedAt'],
    t,
  );
}

function compareCandidates(a: IntakeCandidate, b: IntakeCandidate): number {
  if (a.meterId !== b.meterId) return a.meterId - b.meterId;
  if (a.readOn !== b.readOn) return a.readOn < b.readOn ? -1 : 1;
  return (a.readAt?.getTime() ?? 0) - (b.readAt?.getTime() ?? 0);
}

/** Meter moments already stored, among those the candidates carry (one indexed query). */
async function storedMoments(candidates: readonly IntakeCandidate[], t: Transaction): Promise<Set<string>> {
  const timed = candidates.filter((c) => c.readAt !== null);
  if (timed.length === 0) return new Set();
  const earliest = new Date(Math.min(...timed.map((c) => c.readAt!.getTime())));
  const found = await MeterReading.findAll({
    attributes: ['meterId', 'readAt'],
    where: { meterId: [...new Set(timed.map((c) => c.meterId))], readAt: { [Op.gte]: earliest } },
    transaction: t,
    raw: true,
  });
  return new Set(found.map((r) => momentKey(r.meterId, new Date(r.readAt as Date))));
}
