import type { BillingAddress, Segment, StoredCustomer, StoredWebhook } from './types.js';

/*
 * How each API shows a stored object: the API Live and the Backoffice show the same customer
 * differently (ids, dates, links), so every answer is built here from the one stored record.
 */

/** A customer as the API Live lists it (no dates: the Live API never shows them). */
export const liveCustomerItem = (customer: StoredCustomer) => ({
  Id: customer.Id,
  IdSegment: customer.IdSegment,
  ReferenceCustomer: customer.ReferenceCustomer,
  ReferenceSegment: customer.ReferenceSegment,
  Currency: customer.Currency,
  Name: customer.Name,
  Email: customer.Email,
  Language: customer.Language,
  Status: customer.Status,
});

/** A customer as `GET`/`POST /v1/Customer` answer it: metadata and hosted-portal links. */
export const liveCustomer = (customer: StoredCustomer, baseUrl: string) => {
  const token = Buffer.from(`${customer.Id}:${customer.ReferenceCustomer}`).toString('base64url');
  return {
    ...liveCustomerItem(customer),
    ReferenceAffiliation: customer.ReferenceAffiliation,
    DateAffiliation: null,
    Metadata: { ...customer.Metadata },
    Links: [
      { rel: 'insite-home', href: `${baseUrl}/portal-auth/${token}` },
      { rel: 'insite-collection-offers', query: token },
    ],
  };
};

export const addressView = (address: BillingAddress): BillingAddress => ({ ...address });

/** A customer as the Backoffice lists it: numeric ids, state and dates. */
export const backofficeCustomer = (
  customer: StoredCustomer,
  businessId: number,
  withAddress: boolean,
) => ({
  Id: customer.Id,
  IdBusiness: businessId,
  IdSegment: customer.IdSegment,
  ReferenceSegment: customer.ReferenceSegment,
  ReferenceCustomer: customer.ReferenceCustomer,
  Name: customer.Name,
  Email: customer.Email,
  Language: customer.Language,
  StateCustomer: customer.Status,
  DateCreation: customer.DateCreation,
  DateUpdate: customer.DateUpdate,
  ...(withAddress ? { AddressBilling: { Id: customer.Id, ...customer.address } } : {}),
});

/** A webhook as the Backoffice answers it; the pending verification code is never shown. */
export const webhookView = (webhook: StoredWebhook) => ({
  Id: webhook.Id,
  IdBusiness: webhook.IdBusiness,
  Url: webhook.Url,
  Triggers: [...webhook.Triggers],
  IsActive: webhook.IsActive,
  DateCreation: webhook.DateCreation,
});

/**
 * A segment as the Backoffice lists it. ProAbono documents no schema: its n8n node reads `Id` and
 * `Name`, and its other Backoffice objects carry their shared reference as `Reference<Type>`.
 */
export const segmentView = (segment: Segment, businessId: number) => ({
  Id: segment.Id,
  IdBusiness: businessId,
  ReferenceSegment: segment.Reference,
  Name: segment.Name,
  Currency: segment.Currency,
});
