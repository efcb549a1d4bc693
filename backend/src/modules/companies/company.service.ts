import { businessDate } from '@gasdesk/schema';
import type { Sequelize } from 'sequelize';
import type { CompanyView } from '@gasdesk/schema';
import { Company } from './company.model.ts';
import { BusinessHall } from './business-hall.model.ts';
import { AuditChainHead } from '../audit/audit-event.model.ts';
import { GENESIS_HASH } from '../audit/audit-chain.ts';
import { presentCompany } from './company.presenter.ts';
import type { Clock } from '../../shared/clock.ts';
import { requireUser } from '../../shared/request-context.ts';

export interface NewCompany {
  code: string;
  name: string;
  shortName: string;
  timeZone: string;
  accountNoPrefix?: string;
  areaCode?: string;
  halls: { code: string; name: string; address: string; phone: string }[];
}

export class CompanyService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly clock: Clock,
  ) {}

  /** Today's date in the caller's company's time zone. */
  async today(): Promise<string> {
    const company = await Company.findByPk(requireUser().companyId);
    return businessDate(this.clock.now(), company?.timeZone ?? 'Asia/Shanghai');
  }

  /** The companies the caller may see (their own, or all for city-wide staff) with their halls. */
  async list(): Promise<CompanyView[]> {
    const companies = await Company.findAll({ include: [{ model: BusinessHall, as: 'halls' }], order: [['id', 'ASC']] });
    return companies.map(presentCompany);
  }

  /** Opens a company with its halls and the start of its audit chain, in one transaction. */
  create(input: NewCompany): Promise<Company> {
    return this.sequelize.transaction(async (t) => {
      const company = await Company.create(
        { code: input.code, name: input.name, shortName: input.shortName, timeZone: input.timeZone, accountNoPrefix: input.accountNoPrefix ?? '', areaCode: input.areaCode ?? '' },
        { transaction: t },
      );
      await BusinessHall.bulkCreate(
        input.halls.map((h) => ({ ...h, companyId: company.id })),
        { transaction: t },
      );
      await AuditChainHead.create({ companyId: company.id, lastSeq: 0, lastHash: GENESIS_HASH }, { transaction: t });
      return company;
    });
  }
}
