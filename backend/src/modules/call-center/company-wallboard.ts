import type { CompanyWallboard, WallboardSnapshot } from '@gasdesk/schema';
import { pickAgent } from './call-leg.ts';

export interface WallboardUser {
  id: number;
  companyId: number;
  extension: string;
  displayName: string;
}

/**
 * Pure: the cti's one wallboard (the whole PBX) cut into one per company. An agent belongs to the
 * company `pickAgent` gives for the queues it is a member of; a queue to the company it is
 * assigned to, or, when unassigned, to every company with an agent in it. Figures are the cti's,
 * never recomputed here.
 */
export function companyWallboards(snapshot: WallboardSnapshot, users: readonly WallboardUser[], queueCompany: ReadonlyMap<string, number>): CompanyWallboard[] {
  const byCompany = new Map<number, { agents: WallboardSnapshot['agents']; queues: Set<string>; users: WallboardUser[] }>();
  const entry = (companyId: number) => {
    let e = byCompany.get(companyId);
    if (!e) byCompany.set(companyId, (e = { agents: [], queues: new Set(), users: [] }));
    return e;
  };
  for (const [queue, companyId] of queueCompany) if (snapshot.queues.some((q) => q.queue === queue)) entry(companyId).queues.add(queue);
  for (const agent of snapshot.agents) {
    const candidates = users.filter((u) => u.extension === agent.agent.extension);
    const assigned = agent.queues.map((q) => queueCompany.get(q)).find((c) => c !== undefined) ?? null;
    const user = pickAgent(candidates, assigned);
    if (!user) continue;
    const e = entry(user.companyId);
    e.agents.push(agent);
    e.users.push(user);
    for (const q of agent.queues) if (!queueCompany.has(q)) e.queues.add(q);
  }
  return [...byCompany.entries()]
    .sort(([a], [b]) => a - b)
    .map(([companyId, e]) => ({
      companyId,
      snapshot: { at: snapshot.at, since: snapshot.since, agents: e.agents, queues: snapshot.queues.filter((q) => e.queues.has(q.queue)) },
      agents: e.users.map((u) => ({ userId: u.id, extension: u.extension, displayName: u.displayName })),
    }));
}
