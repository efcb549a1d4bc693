import { createHash, randomBytes } from 'node:crypto';
import { Op, type Sequelize, type Transaction } from 'sequelize';
import { permissionsOf, type LoginResponse } from '@gasdesk/schema';
import type { Clock } from '../../shared/clock.ts';
import type { DomainEventBus } from '../../shared/domain-events.ts';
import { AppError } from '../../shared/app-error.ts';
import { runAsSystem, type UserActor } from '../../shared/request-context.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { PLATFORM_CHAIN } from '../audit/audit.service.ts';
import { User } from '../users/user.model.ts';
import { Company } from '../companies/company.model.ts';
import { presentUser } from '../users/user.presenter.ts';
import { Session } from './session.model.ts';
import { LoginThrottle } from './login-throttle.model.ts';
import { PER_IP, PER_USER, afterFailure, retryAfterSeconds, type ThrottlePolicy } from './throttle-policy.ts';
import { decoyHash, verifyPassword } from './password.ts';

export interface LoginAttempt {
  username: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

export type RevokeReason = 'logout' | 'disabled' | 'revoked';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class AuthService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditService,
    private readonly events: DomainEventBus,
    private readonly clock: Clock,
    private readonly tokenTtlHours: number,
  ) {}

  /** Checks a username and password and opens a session. Runs before anyone is known, as the system. */
  login(attempt: LoginAttempt): Promise<LoginResponse> {
    return runAsSystem('login', () => this.loginAsSystem(attempt));
  }

  private async loginAsSystem({ username, password, ip, userAgent }: LoginAttempt): Promise<LoginResponse> {
    const now = this.clock.now();
    const keys = [{ key: `user:${username.toLowerCase()}`, policy: PER_USER }, ...(ip ? [{ key: `ip:${ip}`, policy: PER_IP }] : [])];
    const states = await LoginThrottle.findAll({ where: { key: keys.map((k) => k.key) } });
    const wait = Math.max(0, ...states.map((s) => retryAfterSeconds(s, now)));
    if (wait > 0) {
      throw new AppError('too_many_requests', `too many failed sign-ins; try again in ${wait} s`, { retryAfterSeconds: wait });
    }

    const user = await User.findOne({ where: { username }, include: [{ model: Company, as: 'company' }] });
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !passwordOk || user.disabled) {
      const reason = !user ? 'unknown_user' : !passwordOk ? 'bad_password' : 'disabled';
      await this.sequelize.transaction(async (t) => {
        for (const { key, policy } of keys) await this.countFailure(key, policy, now, t);
        await this.audit.record(
          {
            action: 'auth.login_failed',
            companyId: user?.companyId ?? PLATFORM_CHAIN,
            actorUserId: user?.id ?? null,
            actorUsername: username.slice(0, 64),
            ip,
            details: { reason },
          },
          t,
        );
      });
      throw new AppError('unauthenticated', 'wrong username or password');
    }

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.tokenTtlHours * 3_600_000);
    await this.sequelize.transaction(async (t) => {
      await LoginThrottle.destroy({ where: { key: keys[0]!.key }, transaction: t });
      const session = await Session.create(
        { companyId: user.companyId, userId: user.id, tokenHash: hashToken(token), expiresAt, revokedAt: null, revokedReason: null, ip, userAgent: userAgent?.slice(0, 255) ?? null },
        { transaction: t },
      );
      await user.update({ lastLoginAt: now }, { transaction: t });
      await this.audit.record(
        { action: 'auth.login', companyId: user.companyId, actorUserId: user.id, actorUsername: user.username, ip, targetType: 'session', targetId: session.id },
        t,
      );
    });
    return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user, user.company!.name) };
  }

  private async countFailure(key: string, policy: ThrottlePolicy, now: Date, transaction: Transaction): Promise<void> {
    const row = await LoginThrottle.findByPk(key, { transaction, lock: transaction.LOCK.UPDATE });
    const next = afterFailure(row, policy, now);
    if (row) await row.update(next, { transaction });
    else await LoginThrottle.create({ key, ...next }, { transaction });
  }

  /** The actor behind a bearer token, or null when the token is unknown, expired or revoked. */
  authenticate(token: string, ip: string | null): Promise<UserActor | null> {
    return runAsSystem('authenticate', async (): Promise<UserActor | null> => {
      const session = await Session.findOne({
        where: { tokenHash: hashToken(token), revokedAt: null, expiresAt: { [Op.gt]: this.clock.now() } },
        include: [{ model: User, as: 'user', required: true, where: { disabled: false } }],
      });
      if (!session?.user) return null;
      const user = session.user;
      return {
        kind: 'user',
        userId: user.id,
        username: user.username,
        companyId: user.companyId,
        role: user.role,
        permissions: new Set(permissionsOf(user.role, user.grants)),
        sessionId: session.id,
        ip,
      };
    });
  }

  async logout(actor: UserActor): Promise<void> {
    await this.sequelize.transaction(async (t) => {
      await this.revoke({ id: actor.sessionId }, 'logout', t);
      await this.audit.record({ action: 'auth.logout', targetType: 'session', targetId: actor.sessionId }, t);
    });
  }

  /** Ends every open session of a user (disabled, password changed) inside the caller's transaction. */
  revokeUserSessions(userId: number, reason: RevokeReason, transaction: Transaction): Promise<void> {
    return this.revoke({ userId }, reason, transaction);
  }

  private async revoke(where: { id: number } | { userId: number }, reason: RevokeReason, transaction: Transaction): Promise<void> {
    const open = await Session.findAll({ where: { ...where, revokedAt: null }, transaction });
    if (open.length === 0) return;
    await Session.update(
      { revokedAt: this.clock.now(), revokedReason: reason },
      { where: { id: open.map((s) => s.id) }, transaction },
    );
    const userId = open[0]!.userId;
    const sessionIds = open.map((s) => s.id);
    // Sockets close only once the revocation is durable, never for a rolled-back one.
    transaction.afterCommit(() => this.events.emit('sessions.revoked', { userId, sessionIds, reason }));
  }

  /** Removes sessions and throttle counters that can no longer matter. */
  purgeExpired(): Promise<{ sessions: number; throttles: number }> {
    return runAsSystem('purge expired sessions', async () => {
      const now = this.clock.now();
      const dayAgo = new Date(now.getTime() - 86_400_000);
      const sessions = await Session.destroy({ where: { expiresAt: { [Op.lt]: dayAgo } } });
      const throttles = await LoginThrottle.destroy({
        where: { windowStartedAt: { [Op.lt]: dayAgo }, [Op.or]: [{ lockedUntil: null }, { lockedUntil: { [Op.lt]: now } }] },
      });
      return { sessions, throttles };
    });
  }
}
