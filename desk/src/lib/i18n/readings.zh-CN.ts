/**
 * Meter reading's strings (reading books, the entry screen, handheld files, the exception queue,
 * readers' statistics, a meter's reading history): part of the zh-CN reference catalogue.
 */
export const readingsZhCN = {
  'permission.readings:read': '查看抄表数据',
  'permission.readings:write': '录入抄表数据、处理异常',
  'permission.readings:manage': '管理抄表本与抄表周期',
  'permission.readings:remote': '远传抄表数据接入',

  'audit.action.reading_book.created': '新建抄表本',
  'audit.action.reading_book.updated': '修改抄表本',
  'audit.action.reading_book.route_set': '调整抄表顺序',
  'audit.action.reading_cycle.opened': '开始抄表周期',
  'audit.action.reading_cycle.closed': '结束抄表周期',
  'audit.action.readings.imported': '导入抄表机文件',
  'audit.action.reading.corrected': '更正读数',
  'audit.action.reading.resolved': '处理异常读数',
} as const;
