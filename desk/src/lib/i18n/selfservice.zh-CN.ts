/** The customers' self-service pages (no sign-in): part of the zh-CN reference catalogue. */
export const selfServiceZhCN = {
  'selfRead.title': '自助报读数',
  'selfRead.intro': '请填写账单上的燃气公司代码和户号、账户上任一联系电话的后四位，以及燃气表上黑色数字的读数。',
  'selfRead.company': '燃气公司代码',
  'selfRead.accountNo': '户号',
  'selfRead.phoneLast4': '联系电话后四位',
  'selfRead.value': '本次读数（立方米）',
  'selfRead.submit': '提交读数',
  'selfRead.submitting': '正在提交…',
  'selfRead.accepted': '谢谢！您 {date} 的读数 {value} 立方米已记录。',
  'selfRead.exception': '谢谢！您的读数 {value} 立方米已记录，工作人员将在出账前核对。',
  'selfRead.duplicate': '您的读数 {value} 立方米已经记录过了。',
  'selfRead.notFound': '户号与电话不匹配，请核对后再试。',
  'selfRead.throttled': '尝试次数过多，请稍后再试。',
  'selfRead.invalid': '请检查填写的内容：{fields}',
  'selfRead.staffLogin': '工作人员登录',
  'login.selfRead': '用户自助报读数',
} as const;
