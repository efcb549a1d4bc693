import type { Customer360, PremiseView } from '@gasdesk/schema';
import { Account } from '../customers/account.model.ts';
import { presentAccounts } from '../customers/account.presenter.ts';
import { Customer } from '../customers/customer.model.ts';
import type { CustomerService } from '../customers/customer.service.ts';
import { Premise } from '../customers/premise.model.ts';

/** Active accounts before closed ones, then by account number. */
function accountOrder(a: Account, b: Account): number {
  return Number(a.status !== 'active') - Number(b.status !== 'active') || a.accountNo.localeCompare(b.accountNo);
}

/** The customer 360: one customer with everything they hold, for the agent's one screen. */
export class Customer360Service {
  constructor(private readonly customers: CustomerService) {}

  /** The customer (masked), every account they hold now, open or closed, with its premise and installed meter, and their premises. */
  async get(customerId: number): Promise<Customer360> {
    const customer = await this.customers.get(customerId);
    const held = await Account.findAll({ where: { customerId }, include: [{ model: Customer, as: 'customer' }, { model: Premise, as: 'premise' }] });
    const accounts = await presentAccounts(held.sort(accountOrder));
    const premises = new Map<number, PremiseView>(accounts.map((a) => [a.premise.id, a.premise]));
    return {
      customer,
      accounts,
      premises: [...premises.values()],
      // Filled by the modules that own them (billing, IC cards, work orders, calls) as they arrive.
      modules: { billing: null, cardPurchases: null, workOrders: null, calls: null },
    };
  }
}
