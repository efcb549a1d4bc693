import { UniqueConstraintError, type Sequelize, type WhereOptions } from 'sequelize';
import type { PriceVersionInput, TariffCreate, TariffList, TariffListQuery, TariffUpdate, TariffView } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { currentUserId, requireUser } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { PriceVersion } from './price-version.model.ts';
import { pricingIssue, repeatedDate } from './price-rules.ts';
import { Tariff } from './tariff.model.ts';
import { presentTariff } from './tariff.presenter.ts';

/**
 * Billing's answer to "which of these price versions did a bill line use": such a version is part
 * of those bills' record, so it is shown as billed and never withdrawn.
 */
export type BilledVersions = (versionIds: readonly number[]) => Promise<ReadonlySet<number>>;

/** 价格表: price lists and their dated versions. A price changes by adding a version, never by editing one. */
export class TariffService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditService,
    private readonly billedVersions: BilledVersions,
  ) {}

  async list(query: TariffListQuery): Promise<TariffList> {
    const where: WhereOptions<Tariff> = {};
    if (query.category) Object.assign(where, { category: query.category });
    if (query.chargeKind) Object.assign(where, { chargeKind: query.chargeKind });
    return { items: await this.present(await Tariff.findAll({ where, order: [['code', 'ASC']] })) };
  }

  async get(id: number): Promise<TariffView> {
    return (await this.present([await this.load(id)]))[0]!;
  }

  async create(input: TariffCreate): Promise<TariffView> {
    for (const [i, v] of input.versions.entries()) {
      const issue = pricingIssue(input.chargeKind, v.pricing);
      if (issue) throw AppError.invalid(`versions.${i}.pricing.model`, issue);
    }
    const repeated = repeatedDate(input.versions);
    if (repeated >= 0) throw AppError.invalid(`versions.${repeated}.effectiveFrom`, `another version takes effect on ${input.versions[repeated]!.effectiveFrom}`);
    const companyId = requireUser().companyId;
    try {
      const tariff = await this.sequelize.transaction(async (t) => {
        const sameCode = await Tariff.findOne({ where: { companyId, code: input.code }, transaction: t });
        if (sameCode) throw conflictOn('code', `price list ${input.code} exists already`);
        const sameCharge = await Tariff.findOne({ where: { companyId, category: input.category, chargeKind: input.chargeKind }, transaction: t });
        if (sameCharge) throw conflictOn('chargeKind', `price list ${sameCharge.code} prices ${input.chargeKind} for ${input.category} already; add a version to it`);
        const created = await Tariff.create({ companyId, code: input.code, name: input.name, category: input.category, chargeKind: input.chargeKind, accountingCode: input.accountingCode, active: true }, { transaction: t });
        await PriceVersion.bulkCreate(
          input.versions.map((v) => ({ companyId, tariffId: created.id, contractId: null, effectiveFrom: v.effectiveFrom, pricing: v.pricing, note: v.note, createdBy: currentUserId() })),
          { transaction: t, validate: true },
        );
        await this.audit.record({ action: 'tariff.created', companyId, targetType: 'tariff', targetId: created.id, details: { code: created.code, category: created.category, chargeKind: created.chargeKind, versions: input.versions.map((v) => v.effectiveFrom) } }, t);
        return created;
      });
      return this.get(tariff.id);
    } catch (err) {
      // Only two clerks saving the same list at the same moment get here; the checks above name the field otherwise.
      if (err instanceof UniqueConstraintError) throw new AppError('conflict', 'another price list with this code, or for this category and charge, was saved at the same moment');
      throw err;
    }
  }

  async update(id: number, patch: TariffUpdate): Promise<TariffView> {
    const tariff = await this.load(id);
    await this.sequelize.transaction(async (t) => {
      const before = { name: tariff.name, accountingCode: tariff.accountingCode, active: tariff.active };
      await tariff.update(patch, { transaction: t });
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== tariff[k]);
      if (changed.length > 0) {
        await this.audit.record({ action: 'tariff.updated', companyId: tariff.companyId, targetType: 'tariff', targetId: tariff.id, details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: tariff[k] }])) }, t);
      }
    });
    return this.get(id);
  }

  /** A new price from a date; a version already dated that day is a conflict (withdraw it first, if it was never billed). */
  async addVersion(id: number, input: PriceVersionInput): Promise<TariffView> {
    const tariff = await this.load(id);
    const issue = pricingIssue(tariff.chargeKind, input.pricing);
    if (issue) throw AppError.invalid('pricing.model', issue);
    try {
      await this.sequelize.transaction(async (t) => {
        if (await PriceVersion.findOne({ where: { tariffId: id, effectiveFrom: input.effectiveFrom }, transaction: t })) throw sameDay(input.effectiveFrom);
        const version = await PriceVersion.create({ companyId: tariff.companyId, tariffId: id, contractId: null, effectiveFrom: input.effectiveFrom, pricing: input.pricing, note: input.note, createdBy: currentUserId() }, { transaction: t });
        await this.audit.record({ action: 'price_version.added', companyId: tariff.companyId, targetType: 'tariff', targetId: id, details: { versionId: version.id, effectiveFrom: version.effectiveFrom, note: version.note } }, t);
      });
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw sameDay(input.effectiveFrom);
      throw err;
    }
    return this.get(id);
  }

  /** Withdraws a version entered by mistake: never the list's last one, never one a bill was priced by. */
  async deleteVersion(id: number, versionId: number): Promise<TariffView> {
    await this.sequelize.transaction(async (t) => {
      // The lock keeps two withdrawals at once from leaving the list with no price at all.
      const tariff = await Tariff.findByPk(id, { transaction: t, lock: t.LOCK.UPDATE });
      if (!tariff) throw AppError.notFound('price list');
      const versions = await PriceVersion.findAll({ where: { tariffId: id }, transaction: t });
      const version = versions.find((v) => v.id === versionId);
      if (!version) throw AppError.notFound('price version');
      if (versions.length === 1) throw new AppError('conflict', `the version of ${version.effectiveFrom} is the list's only price; add another before withdrawing it`);
      if ((await this.billedVersions([versionId])).has(versionId)) throw new AppError('conflict', `the version of ${version.effectiveFrom} has priced bills; add a new version instead`);
      await version.destroy({ transaction: t });
      await this.audit.record({ action: 'price_version.deleted', companyId: tariff.companyId, targetType: 'tariff', targetId: id, details: { versionId, effectiveFrom: version.effectiveFrom, pricing: version.pricing } }, t);
    });
    return this.get(id);
  }

  private async load(id: number): Promise<Tariff> {
    const tariff = await Tariff.findByPk(id);
    if (!tariff) throw AppError.notFound('price list');
    return tariff;
  }

  private async present(tariffs: Tariff[]): Promise<TariffView[]> {
    if (tariffs.length === 0) return [];
    const versions = await PriceVersion.findAll({ where: { tariffId: tariffs.map((t) => t.id) }, order: [['effectiveFrom', 'ASC']] });
    const billed = await this.billedVersions(versions.map((v) => v.id));
    return tariffs.map((t) => presentTariff(t, versions.filter((v) => v.tariffId === t.id), billed));
  }
}

/** Two prices for one day of one list would leave the day's price to chance. */
export function sameDay(effectiveFrom: string): AppError {
  return conflictOn('effectiveFrom', `another version takes effect on ${effectiveFrom}`);
}

/** A 409 that names the field in the way, as a 422 does. */
export function conflictOn(field: string, message: string): AppError {
  return new AppError('conflict', `${field}: ${message}`, { issues: [{ field, message }] });
}
