import { UniqueConstraintError, type Sequelize } from 'sequelize';
import type { DiscountRuleInput, DiscountRuleList, DiscountRulePatch, DiscountRuleView } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { requireUser } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { DiscountRule } from './discount-rule.model.ts';
import { conflictOn } from './tariff.service.ts';
import { presentDiscountRule } from './tariff.presenter.ts';

const checkValidity = (validFrom: string | null, validTo: string | null) => {
  if (validFrom !== null && validTo !== null && validTo < validFrom) throw AppError.invalid('validTo', 'the rule would end before it starts');
};

/** 优惠规则: discounts the rating engine takes off after pricing, for the accounts and periods that qualify. */
export class DiscountRuleService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<DiscountRuleList> {
    return { items: (await DiscountRule.findAll({ order: [['code', 'ASC']] })).map(presentDiscountRule) };
  }

  async create(input: DiscountRuleInput): Promise<DiscountRuleView> {
    checkValidity(input.validFrom, input.validTo);
    const companyId = requireUser().companyId;
    try {
      const rule = await this.sequelize.transaction(async (t) => {
        if (await DiscountRule.findOne({ where: { companyId, code: input.code }, transaction: t })) throw conflictOn('code', `discount rule ${input.code} exists already`);
        const created = await DiscountRule.create({ ...input, companyId, active: true }, { transaction: t });
        await this.audit.record({ action: 'discount_rule.created', companyId, targetType: 'discount_rule', targetId: created.id, details: { code: created.code, chargeKind: created.chargeKind, form: created.form } }, t);
        return created;
      });
      return presentDiscountRule(rule);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw conflictOn('code', `discount rule ${input.code} was saved at the same moment`);
      throw err;
    }
  }

  async update(id: number, patch: DiscountRulePatch): Promise<DiscountRuleView> {
    const rule = await DiscountRule.findByPk(id);
    if (!rule) throw AppError.notFound('discount rule');
    checkValidity(patch.validFrom === undefined ? rule.validFrom : patch.validFrom, patch.validTo === undefined ? rule.validTo : patch.validTo);
    await this.sequelize.transaction(async (t) => {
      const before = { name: rule.name, active: rule.active, validFrom: rule.validFrom, validTo: rule.validTo, form: rule.form };
      await rule.update(patch, { transaction: t });
      // The form is an object: compared by its JSON, as stored.
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(rule[k]));
      if (changed.length > 0) {
        await this.audit.record({ action: 'discount_rule.updated', companyId: rule.companyId, targetType: 'discount_rule', targetId: id, details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: rule[k] }])) }, t);
      }
    });
    return presentDiscountRule(rule);
  }
}
