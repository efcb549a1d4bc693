export * from './call-event.ts';
