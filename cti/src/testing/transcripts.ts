import { readFileSync } from 'node:fs';
import type { CallEvent, CallEventSource } from '@gasdesk/schema';
import type { AmiMessage } from '../ami/ami-message.ts';
import { parseAmiStream } from '../ami/ami-wire.ts';
import { emptyCallBook, mapAmiEvent } from '../mapping/ami-to-call-event.ts';
import type { ScenarioName } from '../simulator/scenarios.ts';

/** The recorded AMI events of a scenario (`cti/src/transcripts/<name>.ami`). */
export function loadTranscript(name: ScenarioName): AmiMessage[] {
  const text = readFileSync(new URL(`../transcripts/${name}.ami`, import.meta.url), 'utf8');
  return parseAmiStream(text).messages;
}

/** Every CallEvent the mapping makes of a transcript, in order. */
export function mapTranscript(messages: readonly AmiMessage[], source: CallEventSource = 'ami'): CallEvent[] {
  let book = emptyCallBook();
  const events: CallEvent[] = [];
  for (const message of messages) {
    const result = mapAmiEvent(book, message, { receivedAt: '2000-01-01T00:00:00.000Z', source });
    book = result.book;
    events.push(...result.events);
  }
  return events;
}
