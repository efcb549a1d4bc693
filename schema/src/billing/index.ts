export * from './pricing.ts';
export * from './bills.ts';
