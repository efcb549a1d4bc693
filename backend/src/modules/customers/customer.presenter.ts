import { formatPhoneForDisplay, maskIdNumber, maskPhone, type CustomerView, type PremiseView } from '@gasdesk/schema';
import type { Customer } from './customer.model.ts';
import type { Premise } from './premise.model.ts';

/** Masked by default: phone and ID numbers leave the server whole only through an audited reveal. */
export function presentCustomer(c: Customer): CustomerView {
  return {
    id: c.id,
    companyId: c.companyId,
    customerNo: c.customerNo,
    type: c.type,
    status: c.status,
    name: c.name,
    idType: c.idType,
    idNumber: c.idNumber ? maskIdNumber(c.idNumber) : null,
    phones: (c.phones ?? [])
      .slice()
      .sort((a, b) => a.position - b.position)
      .map((p) => ({ id: p.id, label: p.label, number: maskPhone(formatPhoneForDisplay(p.e164)), contactName: p.contactName, relation: p.relation })),
    email: c.email,
    preferredLanguage: c.preferredLanguage,
    preferredChannel: c.preferredChannel,
    note: c.note,
    createdAt: c.createdAt.toISOString(),
  };
}

export function presentPremise(p: Premise): PremiseView {
  return {
    id: p.id,
    companyId: p.companyId,
    district: p.district,
    community: p.community,
    building: p.building,
    unit: p.unit,
    room: p.room,
    addressExtra: p.addressExtra,
    fullAddress: p.fullAddress,
    serviceArea: p.serviceArea,
    phone: p.phoneE164 ? formatPhoneForDisplay(p.phoneE164) : null,
  };
}
