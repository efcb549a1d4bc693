import { expect } from 'chai';
import type { MeterReceiptItem, MeterView, WarehouseView } from '@gasdesk/schema';
import { app } from './harness.ts';
import { Api, freshIp } from './http.ts';
import { TEST_PASSWORD, makeCompany, makeUser, unique } from './factories.ts';

type ReceiptItem = Partial<MeterReceiptItem> & Pick<MeterReceiptItem, 'serial' | 'kind'>;

/**
 * A company with a billing clerk (who may do everything in the registry) and a warehouse with
 * meters: three conventional ones unless others are named.
 */
export async function registryDesk(meters: ReceiptItem[] = ['A', 'B', 'C'].map((s) => ({ serial: unique(`G4-${s}`), kind: 'conventional' }))) {
  const company = await makeCompany();
  const clerk = await makeUser(company.id, 'billing_clerk');
  const api = await new Api(app().url).login(clerk.username, TEST_PASSWORD, freshIp());
  const warehouse = (await api.post<WarehouseView>('/api/warehouses', { code: 'W1', name: '城西表库' })).body;
  const receipt = await api.post<{ items: MeterView[] }>('/api/stock/receipts', {
    warehouseId: warehouse.id,
    meters: meters.map((m) => ({ maker: '金卡', model: 'G2.5', registerDigits: 5, maxFlow: '4', ...m })),
  });
  expect(receipt.status, JSON.stringify(receipt.body)).to.equal(201);
  return { company, clerk, api, warehouse, meters: receipt.body.items };
}
