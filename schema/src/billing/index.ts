export * from './pricing.ts';
export * from './bills.ts';
export * from './runs.ts';
