import type { Sequelize } from 'sequelize';
import { Company } from '../modules/companies/company.model.ts';
import { BusinessHall } from '../modules/companies/business-hall.model.ts';
import { User } from '../modules/users/user.model.ts';
import { Session } from '../modules/auth/session.model.ts';
import { LoginThrottle } from '../modules/auth/login-throttle.model.ts';
import { AuditChainHead, AuditEvent } from '../modules/audit/audit-event.model.ts';
import { applyTenancy } from './tenancy.ts';

/** Binds every model to the database, wires associations, then installs tenancy on all of them. */
export function initModels(sequelize: Sequelize): void {
  for (const model of [Company, BusinessHall, User, Session, LoginThrottle, AuditEvent, AuditChainHead]) {
    model.initialize(sequelize);
  }
  Company.hasMany(BusinessHall, { as: 'halls', foreignKey: 'companyId' });
  User.belongsTo(Company, { as: 'company', foreignKey: 'companyId' });
  Session.belongsTo(User, { as: 'user', foreignKey: 'userId' });
  applyTenancy(sequelize);
}
