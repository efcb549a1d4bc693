/** The wallboard's chart of the day: part of the zh-CN reference catalogue. */
export const callDayZhCN = {
  'callDay.title': '今日话务（每半小时）',
  'callDay.def': '柱：按进入队列的时间，每半小时响铃到坐席的来电（通话记录中的来电；在队列中就挂断、从未响铃的不在其中），按接听 / 放弃 / 其他（无人接听）分色，每个来电只计一次；线：该半小时的服务水平 = 在阈值内接听数 ÷ 接听数；虚线为目标 {goal}%。',
  'callDay.date': '日期',
  'callDay.queue': '队列',
  'callDay.allQueues': '全部队列',
  'callDay.answered': '接听',
  'callDay.abandoned': '放弃',
  'callDay.other': '其他',
  'callDay.serviceLevel': '服务水平',
  'callDay.goal': '目标 {goal}%',
  'callDay.total': '全天：来电 {offered}，接听 {answered}，放弃 {abandoned}，服务水平 {sl}，平均应答 {asa}',
  'callDay.none': '这一天没有来电',
  'callDay.slot': '{start}：来电 {offered}，接听 {answered}，放弃 {abandoned}，服务水平 {sl}',
} as const;
