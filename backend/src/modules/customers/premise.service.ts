import { Op, type Transaction } from 'sequelize';
import type { PremiseCreate, PremiseView } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { escapeLike } from '../../db/like.ts';
import { requireUser } from '../../shared/request-context.ts';
import { indexPremise } from '../search/search-index.ts';
import type { CustomerService } from './customer.service.ts';
import { presentPremise } from './customer.presenter.ts';
import { e164Of } from './phone-input.ts';
import { Premise, fullAddressOf } from './premise.model.ts';

/** Premises are places: the same address typed twice is the same premise. */
export class PremiseService {
  constructor(private readonly customers: CustomerService) {}

  async get(id: number): Promise<PremiseView> {
    const premise = await Premise.findByPk(id);
    if (!premise) throw AppError.notFound('premise');
    return presentPremise(premise);
  }

  /** Premises whose address contains the fragment (for pickers; the search module ranks across everything). */
  async find(q: string | undefined): Promise<PremiseView[]> {
    const where = q ? { fullAddress: { [Op.like]: `%${escapeLike(q)}%` } } : {};
    const rows = await Premise.findAll({ where, order: [['fullAddress', 'ASC']], limit: 50 });
    return rows.map(presentPremise);
  }

  /** The premise at this address, created when it is new. */
  async resolve(input: PremiseCreate, t: Transaction, fieldPrefix = 'premise.'): Promise<Premise> {
    const actor = requireUser();
    const address = { district: input.district, community: input.community, building: input.building, unit: input.unit, room: input.room, addressExtra: input.addressExtra };
    const existing = await Premise.findOne({ where: address, transaction: t });
    if (existing) return existing;
    const phoneE164 = input.phone ? e164Of(input.phone, await this.customers.phoneDefaults(actor.companyId, t), `${fieldPrefix}phone`) : null;
    const premise = await Premise.create({ companyId: actor.companyId, ...address, fullAddress: fullAddressOf(address), serviceArea: input.serviceArea, phoneE164 }, { transaction: t });
    await indexPremise(premise, t);
    return premise;
  }

  async load(id: number, t: Transaction, field = 'premise.premiseId'): Promise<Premise> {
    const premise = await Premise.findByPk(id, { transaction: t });
    if (!premise) throw new AppError('not_found', 'premise not found', { issues: [{ field, message: 'no such premise' }] });
    return premise;
  }
}
