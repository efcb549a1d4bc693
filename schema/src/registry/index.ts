export * from './enums.ts';
export * from './fields.ts';
export * from './customers.ts';
export * from './premises.ts';
export * from './meters.ts';
export * from './accounts.ts';
export * from './search.ts';
export * from './import.ts';
