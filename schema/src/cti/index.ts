export * from './call-event.ts';
export * from './cti-command.ts';
