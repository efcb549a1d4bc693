export * from './readings.ts';
export * from './reading-books.ts';
