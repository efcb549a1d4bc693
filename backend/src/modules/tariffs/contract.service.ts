import { Op, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import type { ContractInput, ContractList, ContractPatch, ContractView, PriceVersionInput } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { currentUserId } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Account } from '../customers/account.model.ts';
import { Contract } from './contract.model.ts';
import { PriceVersion } from './price-version.model.ts';
import { CONTRACT_CATEGORIES, outsideContract, overlaps, repeatedDate } from './price-rules.ts';
import { conflictOn, sameDay } from './tariff.service.ts';
import { presentContract } from './tariff.presenter.ts';
import type { BilledVersions } from './tariff.service.ts';

/**
 * 合同: negotiated terms of commercial, industrial and public-welfare accounts. An account's
 * contracts never overlap, so on any day at most one is in force; its versions lie inside its dates.
 */
export class ContractService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditService,
    private readonly billedVersions: BilledVersions,
  ) {}

  async listForAccount(accountId: number): Promise<ContractList> {
    if (!(await Account.findByPk(accountId, { attributes: ['id'] }))) throw AppError.notFound('account');
    return { items: await this.present(await Contract.findAll({ where: { accountId }, order: [['startsOn', 'ASC']] })) };
  }

  async create(input: ContractInput): Promise<ContractView> {
    if (input.endsOn !== null && input.endsOn < input.startsOn) throw AppError.invalid('endsOn', 'the contract ends before it starts');
    for (const [i, v] of input.versions.entries()) {
      if (outsideContract(input, v.effectiveFrom)) throw AppError.invalid(`versions.${i}.effectiveFrom`, 'a contract price takes effect within the contract’s dates');
    }
    const repeated = repeatedDate(input.versions);
    if (repeated >= 0) throw AppError.invalid(`versions.${repeated}.effectiveFrom`, `another version takes effect on ${input.versions[repeated]!.effectiveFrom}`);
    try {
      const contract = await this.sequelize.transaction(async (t) => {
        const account = await this.lockAccount(input.accountId, t);
        if (!CONTRACT_CATEGORIES.includes(account.category)) throw AppError.invalid('accountId', `account ${account.accountNo} is ${account.category}; contracts are for ${CONTRACT_CATEGORIES.join(', ')} accounts`);
        if (await Contract.findOne({ where: { companyId: account.companyId, contractNo: input.contractNo }, transaction: t })) throw conflictOn('contractNo', `contract ${input.contractNo} exists already`);
        await this.refuseOverlap(account.id, input, null, 'startsOn', t);
        const created = await Contract.create(
          { companyId: account.companyId, contractNo: input.contractNo, accountId: account.id, startsOn: input.startsOn, endsOn: input.endsOn, minimumMonthlyVolume: input.minimumMonthlyVolume, billingDay: input.billingDay },
          { transaction: t },
        );
        await PriceVersion.bulkCreate(
          input.versions.map((v) => ({ companyId: account.companyId, tariffId: null, contractId: created.id, effectiveFrom: v.effectiveFrom, pricing: v.pricing, note: v.note, createdBy: currentUserId() })),
          { transaction: t, validate: true },
        );
        await this.audit.record({ action: 'contract.created', companyId: account.companyId, targetType: 'contract', targetId: created.id, details: { contractNo: created.contractNo, accountId: account.id, startsOn: created.startsOn, endsOn: created.endsOn } }, t);
        return created;
      });
      return this.get(contract.id);
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw conflictOn('contractNo', `contract ${input.contractNo} was saved at the same moment`);
      throw err;
    }
  }

  /** Ends, extends or reopens a contract, or changes its minimum or billing day. */
  async update(id: number, patch: ContractPatch): Promise<ContractView> {
    const contract = await this.load(id);
    await this.sequelize.transaction(async (t) => {
      await this.lockAccount(contract.accountId, t);
      const endsOn = patch.endsOn === undefined ? contract.endsOn : patch.endsOn;
      if (endsOn !== null && endsOn < contract.startsOn) throw AppError.invalid('endsOn', 'the contract ends before it starts');
      if (endsOn !== null) {
        const later = await PriceVersion.findOne({ where: { contractId: id, effectiveFrom: { [Op.gt]: endsOn } }, transaction: t });
        if (later) throw AppError.invalid('endsOn', `the contract has a price from ${later.effectiveFrom}, after that day`);
      }
      await this.refuseOverlap(contract.accountId, { startsOn: contract.startsOn, endsOn }, id, 'endsOn', t);
      const before = { endsOn: contract.endsOn, minimumMonthlyVolume: contract.minimumMonthlyVolume, billingDay: contract.billingDay };
      await contract.update(patch, { transaction: t });
      const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => before[k] !== contract[k]);
      if (changed.length > 0) {
        await this.audit.record({ action: 'contract.updated', companyId: contract.companyId, targetType: 'contract', targetId: id, details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: contract[k] }])) }, t);
      }
    });
    return this.get(id);
  }

  /** A negotiated price from a date inside the contract. */
  async addVersion(id: number, input: PriceVersionInput): Promise<ContractView> {
    const contract = await this.load(id);
    if (outsideContract(contract, input.effectiveFrom)) throw AppError.invalid('effectiveFrom', `the contract runs from ${contract.startsOn} to ${contract.endsOn ?? 'no end'}`);
    try {
      await this.sequelize.transaction(async (t) => {
        if (await PriceVersion.findOne({ where: { contractId: id, effectiveFrom: input.effectiveFrom }, transaction: t })) throw sameDay(input.effectiveFrom);
        const version = await PriceVersion.create({ companyId: contract.companyId, tariffId: null, contractId: id, effectiveFrom: input.effectiveFrom, pricing: input.pricing, note: input.note, createdBy: currentUserId() }, { transaction: t });
        await this.audit.record({ action: 'price_version.added', companyId: contract.companyId, targetType: 'contract', targetId: id, details: { versionId: version.id, effectiveFrom: version.effectiveFrom, note: version.note } }, t);
      });
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw sameDay(input.effectiveFrom);
      throw err;
    }
    return this.get(id);
  }

  private async get(id: number): Promise<ContractView> {
    return (await this.present([await this.load(id)]))[0]!;
  }

  private async load(id: number): Promise<Contract> {
    const contract = await Contract.findByPk(id);
    if (!contract) throw AppError.notFound('contract');
    return contract;
  }

  /** The account, locked: two contracts saved at once for one account must not both pass the overlap check. */
  private async lockAccount(accountId: number, t: Transaction): Promise<Account> {
    const account = await Account.findByPk(accountId, { transaction: t, lock: t.LOCK.UPDATE });
    if (!account) throw AppError.invalid('accountId', 'no such account');
    return account;
  }

  private async refuseOverlap(accountId: number, dates: { startsOn: string; endsOn: string | null }, exceptId: number | null, field: string, t: Transaction): Promise<void> {
    const others = await Contract.findAll({ where: { accountId, ...(exceptId !== null && { id: { [Op.ne]: exceptId } }) }, transaction: t });
    const clash = others.find((c) => overlaps(c, dates));
    if (clash) throw conflictOn(field, `contract ${clash.contractNo} of this account runs from ${clash.startsOn} to ${clash.endsOn ?? 'no end'}`);
  }

  private async present(contracts: Contract[]): Promise<ContractView[]> {
    if (contracts.length === 0) return [];
    const versions = await PriceVersion.findAll({ where: { contractId: contracts.map((c) => c.id) }, order: [['effectiveFrom', 'ASC']] });
    const billed = await this.billedVersions(versions.map((v) => v.id));
    return contracts.map((c) => presentContract(c, versions.filter((v) => v.contractId === c.id), billed));
  }
}
