import type { readingsZhCN } from './readings.zh-CN.ts';

/** Typed against the zh-CN meter-reading strings: a missing key does not compile. */
export const readingsEn: Record<keyof typeof readingsZhCN, string> = {
  'permission.readings:read': 'See meter readings',
  'permission.readings:write': 'Enter readings and resolve exceptions',
  'permission.readings:manage': 'Manage reading books and cycles',
  'permission.readings:remote': 'Push readings from a meter head-end',

  'audit.action.reading_book.created': 'Reading book created',
  'audit.action.reading_book.updated': 'Reading book changed',
  'audit.action.reading_book.route_set': 'Reading route set',
  'audit.action.reading_cycle.opened': 'Reading cycle opened',
  'audit.action.reading_cycle.closed': 'Reading cycle closed',
  'audit.action.readings.imported': 'Handheld file imported',
  'audit.action.reading.corrected': 'Reading corrected',
  'audit.action.reading.resolved': 'Queued reading resolved',
};
