import { formatAmiMessage } from '../ami/ami-wire.ts';
import { ManualClock } from '../shared/clock.ts';
import { PbxModel } from './pbx-model.ts';
import { SCENARIO_MEMBERS, SCENARIO_START, scenarios, type ScenarioName } from './scenarios.ts';

/** Plays a scenario on a fresh simulated PBX against a manual clock and returns the AMI events it sent, in wire format. */
export async function recordTranscript(name: ScenarioName): Promise<string> {
  const clock = new ManualClock(SCENARIO_START);
  const pbx = new PbxModel({ clock, members: SCENARIO_MEMBERS, serviceLevels: { 'gas-emergency': 15 } });
  const out: string[] = [];
  pbx.onEvent((fields) => out.push(formatAmiMessage(fields)));
  await scenarios[name].play(pbx, async (ms) => clock.advance(ms));
  return out.join('');
}
