import { Op, UniqueConstraintError, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type { UserCreate, UserListQuery, UserPatch, UserView } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { escapeLike } from '../../db/like.ts';
import { companyScope, requireUser } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { hashPassword } from '../auth/password.ts';
import { Company } from '../companies/company.model.ts';
import { presentUser } from './user.presenter.ts';
import { User } from './user.model.ts';

export class UserService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  async list(query: UserListQuery): Promise<{ items: UserView[]; total: number }> {
    const where: WhereOptions<User> = {};
    if (query.role) Object.assign(where, { role: query.role });
    if (query.companyId) Object.assign(where, { companyId: query.companyId });
    if (query.q) {
      const like = `%${escapeLike(query.q)}%`;
      Object.assign(where, { [Op.or]: [{ username: { [Op.like]: like } }, { displayName: { [Op.like]: like } }] });
    }
    const { rows, count } = await User.findAndCountAll({
      where,
      include: [{ model: Company, as: 'company' }],
      order: [['companyId', 'ASC'], ['username', 'ASC']],
      limit: query.limit,
      offset: query.offset,
    });
    return { items: rows.map((u) => presentUser(u, u.company!.name)), total: count };
  }

  async get(id: number): Promise<UserView> {
    const user = await this.load(id);
    return presentUser(user, user.company!.name);
  }

  async create(input: UserCreate): Promise<UserView> {
    const actor = requireUser();
    const companyId = input.companyId ?? actor.companyId;
    const company = await Company.findByPk(companyId);
    if (!company) throw AppError.notFound('company');
    this.assertMayGrant(input.grants);
    const passwordHash = await hashPassword(input.password);
    try {
      const user = await this.sequelize.transaction(async (t) => {
        const created = await User.create(
          {
            companyId,
            username: input.username,
            displayName: input.displayName,
            role: input.role,
            grants: input.grants,
            extension: input.extension,
            queues: input.queues,
            passwordHash,
            lastLoginAt: null,
          },
          { transaction: t },
        );
        await this.audit.record(
          { action: 'user.created', companyId, targetType: 'user', targetId: created.id, details: { username: created.username, role: created.role, grants: created.grants } },
          t,
        );
        return created;
      });
      return presentUser(user, company.name);
    } catch (err) {
      throw this.translateUnique(err);
    }
  }

  async update(id: number, patch: UserPatch): Promise<UserView> {
    const actor = requireUser();
    const user = await this.load(id);
    if (user.id === actor.userId && (patch.disabled === true || (patch.role && patch.role !== 'admin' && user.role === 'admin'))) {
      throw new AppError('conflict', 'you cannot disable yourself or take away your own admin role');
    }
    if (patch.grants) this.assertMayGrant(patch.grants);
    const passwordHash = patch.password ? await hashPassword(patch.password) : undefined;
    try {
      await this.sequelize.transaction(async (t) => {
        const before = { role: user.role, grants: user.grants, disabled: user.disabled, displayName: user.displayName, extension: user.extension, queues: user.queues };
        user.set({
          ...(patch.displayName !== undefined && { displayName: patch.displayName }),
          ...(patch.role !== undefined && { role: patch.role }),
          ...(patch.grants !== undefined && { grants: patch.grants }),
          ...(patch.extension !== undefined && { extension: patch.extension }),
          ...(patch.queues !== undefined && { queues: patch.queues }),
          ...(patch.disabled !== undefined && { disabled: patch.disabled }),
          ...(passwordHash !== undefined && { passwordHash }),
        });
        await user.save({ transaction: t });
        await this.recordChanges(user, before, passwordHash !== undefined, t);
      });
    } catch (err) {
      throw this.translateUnique(err);
    }
    return presentUser(user, user.company!.name);
  }

  private async recordChanges(
    user: User,
    before: Pick<User, 'role' | 'grants' | 'disabled' | 'displayName' | 'extension' | 'queues'>,
    passwordChanged: boolean,
    t: Transaction,
  ): Promise<void> {
    const target = { companyId: user.companyId, targetType: 'user', targetId: user.id };
    if (before.role !== user.role || before.grants.join() !== user.grants.join()) {
      await this.audit.record({ ...target, action: 'user.role_changed', details: { from: { role: before.role, grants: before.grants }, to: { role: user.role, grants: user.grants } } }, t);
    }
    if (before.disabled !== user.disabled) {
      await this.audit.record({ ...target, action: user.disabled ? 'user.disabled' : 'user.enabled' }, t);
      if (user.disabled) await this.auth.revokeUserSessions(user.id, 'disabled', t);
    }
    if (passwordChanged) {
      await this.audit.record({ ...target, action: 'user.password_changed' }, t);
      await this.auth.revokeUserSessions(user.id, 'revoked', t);
    }
    const changed = (['displayName', 'extension', 'queues'] as const).filter((k) => String(before[k]) !== String(user[k]));
    if (changed.length > 0) {
      await this.audit.record({ ...target, action: 'user.updated', details: Object.fromEntries(changed.map((k) => [k, { from: before[k], to: user[k] }])) }, t);
    }
  }

  private async load(id: number): Promise<User> {
    const user = await User.findByPk(id, { include: [{ model: Company, as: 'company' }] });
    if (!user) throw AppError.notFound('user');
    return user;
  }

  /** Only someone who already spans companies may hand that power on; a company admin cannot escalate. */
  private assertMayGrant(grants: readonly string[]): void {
    if (grants.includes('companies:span') && companyScope() !== 'all') {
      throw new AppError('forbidden', 'only a city-wide administrator may grant companies:span');
    }
  }

  private translateUnique(err: unknown): unknown {
    if (err instanceof UniqueConstraintError) {
      const fields = Object.keys(err.fields ?? {});
      const field = fields.some((f) => f.includes('extension')) ? 'extension' : 'username';
      return new AppError('conflict', `${field} is already taken`, { issues: [{ field, message: 'already taken' }] });
    }
    return err;
  }
}
