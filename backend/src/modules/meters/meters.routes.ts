import {
  IdParams,
  MeterCalibration,
  MeterHistory,
  MeterList,
  MeterListQuery,
  MeterRemoval,
  MeterScrap,
  MeterView,
  StockLevelQuery,
  StockLevels,
  StockReceipt,
  WarehouseCreate,
  WarehouseList,
  WarehouseView,
} from '@gasdesk/schema';
import { z } from 'zod';
import { defineRoute } from '../../http/route.ts';
import type { MeterService } from './meter.service.ts';
import type { StockService } from './stock.service.ts';

/** The business date the caller's company is living in; stock operations happen "today". */
export type Today = () => Promise<string>;

export function meterRoutes(meters: MeterService, stock: StockService, today: Today) {
  return [
    defineRoute({
      method: 'get',
      path: '/meters',
      summary: 'Find meters by serial, status, model, warehouse or verification due date',
      tag: 'meters',
      access: { permission: 'meters:read' },
      query: MeterListQuery,
      response: MeterList,
      handler: ({ query }) => meters.list(query),
    }),
    defineRoute({
      method: 'get',
      path: '/meters/:id',
      summary: 'One meter: where it is now and its last reading',
      tag: 'meters',
      access: { permission: 'meters:read' },
      params: IdParams,
      response: MeterView,
      handler: ({ params }) => meters.get(params.id),
    }),
    defineRoute({
      method: 'get',
      path: '/meters/:id/history',
      summary: 'A meter\'s status history, stock movements and readings',
      tag: 'meters',
      access: { permission: 'meters:read' },
      params: IdParams,
      response: MeterHistory,
      handler: ({ params }) => meters.history(params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/meters/:id/removal',
      summary: 'Remove an installed meter to a warehouse, with its removal reading',
      tag: 'meters',
      access: { permission: 'meters:write' },
      params: IdParams,
      body: MeterRemoval,
      response: MeterView,
      handler: ({ params, body }) => meters.remove(params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/meters/:id/calibration',
      summary: 'Send a meter from a warehouse to calibration (检定), or take it back into stock',
      tag: 'stock',
      access: { permission: 'stock:write' },
      params: IdParams,
      body: MeterCalibration,
      response: MeterView,
      handler: async ({ params, body }) => {
        await stock.calibrate(params.id, body, await today());
        return meters.get(params.id);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/meters/:id/scrap',
      summary: 'Scrap a meter that is not installed',
      tag: 'stock',
      access: { permission: 'stock:write' },
      params: IdParams,
      body: MeterScrap,
      response: MeterView,
      handler: async ({ params, body }) => {
        await stock.scrap(params.id, body.note, await today());
        return meters.get(params.id);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/warehouses',
      summary: 'The company\'s warehouses',
      tag: 'stock',
      access: { permission: 'stock:read' },
      response: WarehouseList,
      handler: async () => ({ items: await stock.listWarehouses() }),
    }),
    defineRoute({
      method: 'post',
      path: '/warehouses',
      summary: 'Add a warehouse',
      tag: 'stock',
      access: { permission: 'stock:write' },
      body: WarehouseCreate,
      response: WarehouseView,
      status: 201,
      handler: ({ body }) => stock.createWarehouse(body),
    }),
    defineRoute({
      method: 'post',
      path: '/stock/receipts',
      summary: 'Receive new meters into a warehouse (all or none)',
      tag: 'stock',
      access: { permission: 'stock:write' },
      body: StockReceipt,
      response: z.object({ items: z.array(MeterView) }),
      status: 201,
      handler: async ({ body }) => {
        const received = await stock.receive(body, await today());
        return { items: await meters.getMany(received.map((m) => m.id)) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/stock/levels',
      summary: 'Meters in each warehouse by model: available, and removed awaiting calibration',
      tag: 'stock',
      access: { permission: 'stock:read' },
      query: StockLevelQuery,
      response: StockLevels,
      handler: ({ query }) => stock.levels(query),
    }),
  ];
}
