export * from './readings.ts';
export * from './reading-books.ts';
export * from './calibration.ts';
