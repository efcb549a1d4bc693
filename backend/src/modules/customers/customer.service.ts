import type { Sequelize, Transaction } from 'sequelize';
import { formatPhoneForDisplay, type CustomerCreate, type CustomerList, type CustomerListQuery, type CustomerPatch, type CustomerView, type PhoneEntry, type RevealRequest, type RevealResponse } from '@gasdesk/schema';
import { AppError } from '../../shared/app-error.ts';
import { requireUser } from '../../shared/request-context.ts';
import { takeNumber } from '../../db/number-sequence.model.ts';
import type { AuditService } from '../audit/audit.service.ts';
import { Company } from '../companies/company.model.ts';
import { indexCustomer } from '../search/search-index.ts';
import { Customer, CustomerPhone } from './customer.model.ts';
import { presentCustomer } from './customer.presenter.ts';
import { e164Of, type PhoneDefaults } from './phone-input.ts';

const withPhones = [{ model: CustomerPhone, as: 'phones' }];

/** The customer number people read: the company's customer counter, `C00001234`. */
export function customerNoOf(n: number): string {
  return `C${String(n).padStart(8, '0')}`;
}

/** Customers: registration (potential), changes, and the audited reveal of personal data. */
export class CustomerService {
  constructor(
    private readonly sequelize: Sequelize,
    private readonly audit: AuditService,
    private readonly defaultCountryCode: string,
  ) {}

  async phoneDefaults(companyId: number, transaction?: Transaction): Promise<PhoneDefaults> {
    const company = await Company.findByPk(companyId, { transaction });
    return { defaultCountryCode: this.defaultCountryCode, defaultAreaCode: company?.areaCode ?? '' };
  }

  async list(query: CustomerListQuery): Promise<CustomerList> {
    const where: Record<string, unknown> = {};
    if (query.status) where.status = query.status;
    if (query.type) where.type = query.type;
    const { rows, count } = await Customer.findAndCountAll({ where, include: withPhones, distinct: true, order: [['id', 'DESC']], limit: query.limit, offset: query.offset });
    return { items: rows.map(presentCustomer), total: count, limit: query.limit, offset: query.offset };
  }

  async get(id: number, transaction?: Transaction): Promise<CustomerView> {
    return presentCustomer(await this.load(id, transaction));
  }

  async load(id: number, transaction?: Transaction): Promise<Customer> {
    const customer = await Customer.findByPk(id, { include: withPhones, transaction });
    if (!customer) throw AppError.notFound('customer');
    return customer;
  }

  /** Registers a potential customer (潜在用户); opening an account makes them formal. */
  async register(input: CustomerCreate): Promise<CustomerView> {
    const customer = await this.sequelize.transaction((t) => this.registerInTransaction(input, t));
    return this.get(customer.id);
  }

  async registerInTransaction(input: CustomerCreate, t: Transaction, fieldPrefix = ''): Promise<Customer> {
    const actor = requireUser();
    const phones = await this.normalizedPhones(input.phones, actor.companyId, fieldPrefix, t);
    await this.assertIdNumberFree(input.idNumber, null, fieldPrefix, t);
    const customerNo = customerNoOf(await takeNumber(actor.companyId, 'customer', t));
    const customer = await Customer.create(
      {
        companyId: actor.companyId,
        customerNo,
        type: input.type,
        status: 'potential',
        name: input.name,
        idType: input.idType,
        idNumber: input.idNumber,
        email: input.email,
        preferredLanguage: input.preferredLanguage,
        preferredChannel: input.preferredChannel,
        note: input.note,
      },
      { transaction: t },
    );
    await this.writePhones(customer, phones, t);
    await indexCustomer(customer, t);
    await this.audit.record({ action: 'customer.created', targetType: 'customer', targetId: customer.id, details: { customerNo, type: input.type } }, t);
    return customer;
  }

  async update(id: number, patch: CustomerPatch): Promise<CustomerView> {
    await this.sequelize.transaction(async (t) => {
      const customer = await this.load(id, t);
      const { phones, ...fields } = patch;
      if (fields.idNumber !== undefined) await this.assertIdNumberFree(fields.idNumber, customer.id, '', t);
      if (fields.idNumber && !fields.idType && !customer.idType) throw AppError.invalid('idType', 'say which kind of ID the number is');
      const previousName = customer.name;
      customer.set(fields);
      const changed = customer.changed() || [];
      await customer.save({ transaction: t });
      await indexCustomer(customer, t, previousName);
      if (phones) {
        const normalized = await this.normalizedPhones(phones, customer.companyId, '', t);
        await CustomerPhone.destroy({ where: { customerId: customer.id }, transaction: t });
        await this.writePhones(customer, normalized, t);
      }
      // Values are not copied into the audit: they may be personal data; which fields changed is enough.
      await this.audit.record({ action: 'customer.updated', targetType: 'customer', targetId: customer.id, details: { fields: [...changed, ...(phones ? ['phones'] : [])] } }, t);
    });
    return this.get(id);
  }

  /** Shows a customer's full ID and phone numbers to a permitted user, and records that they saw them. */
  async reveal(id: number, request: RevealRequest): Promise<RevealResponse> {
    const customer = await this.load(id);
    const response: RevealResponse = {};
    if (request.fields.includes('idNumber')) response.idNumber = customer.idNumber;
    if (request.fields.includes('phones')) {
      response.phones = (customer.phones ?? []).sort((a, b) => a.position - b.position).map((p) => ({ id: p.id, number: formatPhoneForDisplay(p.e164), e164: p.e164 }));
    }
    await this.audit.record({ action: 'personal_data.revealed', targetType: 'customer', targetId: customer.id, details: { fields: request.fields, reason: request.reason } });
    return response;
  }

  /** Potential customers become formal when their first account is opened. */
  async markFormal(customer: Customer, t: Transaction): Promise<void> {
    if (customer.status !== 'formal') await customer.update({ status: 'formal' }, { transaction: t });
  }

  private async normalizedPhones(phones: PhoneEntry[], companyId: number, prefix: string, t: Transaction): Promise<(PhoneEntry & { e164: string })[]> {
    if (phones.length === 0) return [];
    const defaults = await this.phoneDefaults(companyId, t);
    const seen = new Set<string>();
    return phones.map((p, i) => {
      const e164 = e164Of(p.number, defaults, `${prefix}phones.${i}.number`);
      if (seen.has(e164)) throw AppError.invalid(`${prefix}phones.${i}.number`, 'the same number is listed twice');
      seen.add(e164);
      return { ...p, e164 };
    });
  }

  private async writePhones(customer: Customer, phones: (PhoneEntry & { e164: string })[], t: Transaction): Promise<void> {
    await CustomerPhone.bulkCreate(
      phones.map((p, position) => ({ companyId: customer.companyId, customerId: customer.id, label: p.label, e164: p.e164, contactName: p.contactName, relation: p.relation, position })),
      { transaction: t },
    );
  }

  /** One person, one customer record per company: a second registration with the same ID is refused. */
  private async assertIdNumberFree(idNumber: string | null | undefined, exceptId: number | null, prefix: string, t: Transaction): Promise<void> {
    if (!idNumber) return;
    const holder = await Customer.findOne({ where: { idNumber }, transaction: t });
    if (holder && holder.id !== exceptId) {
      throw new AppError('conflict', `this ID number is already registered to customer ${holder.customerNo}`, { issues: [{ field: `${prefix}idNumber`, message: `already registered (${holder.customerNo})` }] });
    }
  }
}

