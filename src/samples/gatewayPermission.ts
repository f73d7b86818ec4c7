import type { GatewayPermissionFields } from '../mappers/billingRecords.js';

/* The sample customer's saved card, as a payment-method (GatewayPermission) block gives it. */

export const sampleGatewayPermissionFields: GatewayPermissionFields = {
  Id: 91001,
  StatePermission: 'Valid',
  TypePayment: 'Card',
  TypeGateway: 'Stripe',
  NameDisplay: 'Visa •••• 4242',
  Country: 'FR',
  DateExpiration: '2028-09-30T23:59:59Z',
};
