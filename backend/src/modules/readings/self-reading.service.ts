import { businessDate } from '@gasdesk/schema';
import { Op, type Sequelize } from 'sequelize';
import type { SelfReading, SelfReadingReceipt } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import type { Clock } from '../../shared/clock.ts';
import { runAsSystem } from '../../shared/request-context.ts';
import { LoginThrottle } from '../auth/login-throttle.model.ts';
import { afterFailure, retryAfterSeconds, type ThrottlePolicy } from '../auth/throttle-policy.ts';
import { Company } from '../companies/company.model.ts';
import { Account } from '../customers/account.model.ts';
import { CustomerPhone } from '../customers/customer.model.ts';
import { Premise } from '../customers/premise.model.ts';
import { Meter } from '../meters/meter.model.ts';
import type { ReadingRulesSource } from './reading-rules.ts';
import { takeAnsweringTasks } from './remote-reading.service.ts';

/** Ten wrong account-and-phone pairs from one address in 15 minutes lock it for 15 minutes. */
const PER_ADDRESS: ThrottlePolicy = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/**
 * Customers' own readings from the web (SMS will use the same path): no sign-in, so the account
 * number must come with the last four digits of a phone on the account, and wrong pairs are
 * throttled per address. The reading is validated like any other; the customer is told plainly
 * whether it was recorded, never the figures behind a check.
 */
export class SelfReadingService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly rules: ReadingRulesSource,
    private readonly clock: Clock,
  ) {}

  submit(input: SelfReading, ip: string | null): Promise<SelfReadingReceipt> {
    return runAsSystem('self-read', async () => {
      const key = `self-read:ip:${ip ?? 'unknown'}`;
      const now = this.clock.now();
      const throttle = await LoginThrottle.findByPk(key);
      const wait = retryAfterSeconds(throttle, now);
      if (wait > 0) throw new AppError('too_many_requests', `too many attempts: try again in ${Math.ceil(wait / 60)} minutes`);
      const found = await this.find(input);
      if (!found) {
        await this.sequelize.transaction(async (t) => {
          const row = await LoginThrottle.findByPk(key, { transaction: t, lock: t.LOCK.UPDATE });
          const next = afterFailure(row, PER_ADDRESS, now);
          if (row) await row.update(next, { transaction: t });
          else await LoginThrottle.create({ key, ...next }, { transaction: t });
        });
        throw new AppError('not_found', 'no account matches this account number and phone');
      }
      const { company, account, meter } = found;
      const readOn = businessDate(now, company.timeZone);
      const rules = await this.rules.forCompany(company.id);
      const [result] = await this.sequelize.transaction((t) =>
        takeAnsweringTasks(
          [{ companyId: company.id, meterId: meter.id, accountId: account.id, registerDigits: meter.registerDigits, maxFlow: meter.maxFlow, occupied: true, value: input.value, readOn, readAt: now, source: 'self', taskId: null, standardValue: null, note: null, userId: null }],
          rules,
          t,
        ),
      );
      const value = Number(input.value).toFixed(3);
      const message =
        result!.outcome === 'accepted'
          ? `Thank you: your reading of ${value} m³ on ${readOn} is recorded.`
          : result!.outcome === 'duplicate'
            ? `Your reading of ${value} m³ on ${readOn} was already recorded.`
            : `Thank you: your reading of ${value} m³ is recorded; our staff will check it before your next bill.`;
      return { outcome: result!.outcome, message };
    });
  }

  /** The company, its active account with that number, and its meter that people read — when a phone on the account ends in the four digits. */
  private async find(input: SelfReading) {
    const company = await Company.findOne({ where: { code: input.companyCode } });
    if (!company) return null;
    const account = await Account.findOne({ where: { companyId: company.id, accountNo: input.accountNo, status: 'active' }, include: [{ model: Premise, as: 'premise' }] });
    if (!account) return null;
    const phones = await CustomerPhone.count({ where: { customerId: account.customerId, e164: { [Op.like]: `%${input.phoneLast4}` } } });
    if (phones === 0 && !account.premise?.phoneE164?.endsWith(input.phoneLast4)) return null;
    const meter = await Meter.findOne({ where: { accountId: account.id, status: 'installed', kind: ['conventional', 'remote'] } });
    return meter ? { company, account, meter } : null;
  }
}
