import { recordTranscript } from './transcript.ts';
import { scenarios, type ScenarioName } from './scenarios.ts';

// Prints a scenario's AMI transcript: `node --import tsx cti/src/simulator/record-transcript.ts queue-call-answered > cti/src/transcripts/queue-call-answered.ami`
const name = process.argv[2] as ScenarioName | undefined;
if (!name || !(name in scenarios)) {
  const list = Object.entries(scenarios).map(([n, s]) => `  ${n}: ${s.description}`);
  process.stderr.write(`usage: record-transcript.ts <scenario>\n${list.join('\n')}\n`);
  process.exit(64);
}
process.stdout.write(await recordTranscript(name));
