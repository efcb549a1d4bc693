import type { BillSummary, BillView } from '@gasdesk/schema';
import type { Bill } from './bill.model.ts';

export function presentBillSummary(bill: Bill, accountNo: string): BillSummary {
  return {
    id: bill.id,
    billNo: bill.billNo,
    accountId: bill.accountId,
    accountNo,
    period: bill.period,
    revision: bill.revision,
    status: bill.status,
    periodFrom: bill.periodFrom,
    periodTo: bill.periodTo,
    volume: bill.volume,
    totalFen: bill.totalFen,
    issuedOn: bill.issuedOn,
    dueOn: bill.dueOn,
    estimated: bill.estimated,
    delivery: bill.delivery,
    deliveryStatus: bill.deliveryStatus,
  };
}

export function presentBill(bill: Bill, accountNo: string, replacedById: number | null): BillView {
  return {
    ...presentBillSummary(bill, accountNo),
    lines: (bill.lines ?? [])
      .sort((a, b) => a.seq - b.seq)
      .map((l) => ({
        chargeKind: l.chargeKind,
        role: l.role,
        sliceFrom: l.sliceFrom,
        sliceTo: l.sliceTo,
        tier: l.tier,
        volume: l.volume,
        unitPrice: l.unitPrice,
        unroundedFen: l.unroundedFen,
        amountFen: l.amountFen,
        accountingCode: l.accountingCode,
        priceVersionId: l.priceVersionId,
        discountRuleId: l.discountRuleId,
      })),
    explanation: bill.explanation,
    cycleStart: bill.cycleStart,
    cycleVolume: bill.cycleVolume,
    replacesId: bill.replacesId,
    replacedById,
    reversedAt: bill.reversedAt?.toISOString() ?? null,
    reversalReason: bill.reversalReason,
    runId: bill.runId,
  };
}
