/** Price management's strings (price lists, discount rules, contracts, billing settings): part of the zh-CN reference catalogue. */
export const tariffsZhCN = {
  'permission.tariffs:read': '查看价格表、优惠规则与合同',
  'permission.tariffs:manage': '管理价格、优惠规则、合同与计费设置',

  'audit.action.tariff.created': '新建价格表',
  'audit.action.tariff.updated': '修改价格表',
  'audit.action.price_version.added': '新增价格版本',
  'audit.action.price_version.deleted': '撤销价格版本',
  'audit.action.discount_rule.created': '新建优惠规则',
  'audit.action.discount_rule.updated': '修改优惠规则',
  'audit.action.contract.created': '签订合同',
  'audit.action.contract.updated': '修改合同',
  'audit.action.billing_settings.updated': '修改计费设置',
  'audit.action.account.flags_set': '设置户标记',
};
