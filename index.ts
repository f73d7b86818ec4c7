import zapier, { defineApp } from 'zapier-platform-core';

import packageJson from './package.json' with { type: 'json' };
import authentication from './src/authentication.js';
import billCustomer from './src/creates/bill_customer.js';
import createCustomer from './src/creates/create_customer.js';
import createSubscription from './src/creates/create_subscription.js';
import updateCustomer from './src/creates/update_customer.js';
import updateCustomerBillingAddress from './src/creates/update_customer_billing_address.js';
import { hydrateBillingAddress } from './src/hydrators.js';
import { afters, befores } from './src/middleware.js';
import findCustomer from './src/searches/find_customer.js';
import findInvoice from './src/searches/find_invoice.js';
import findSubscription from './src/searches/find_subscription.js';
import billingAddressUpdated from './src/triggers/billing_address_updated.js';
import billingAddressUpdatedPolling from './src/triggers/billing_address_updated_polling.js';
import customerAdded from './src/triggers/customer_added.js';
import customerEvent from './src/triggers/customer_event.js';
import customerList from './src/triggers/customer_list.js';
import invoiceEvent from './src/triggers/invoice_event.js';
import paymentEvent from './src/triggers/payment_event.js';
import subscriptionEvent from './src/triggers/subscription_event.js';
import offerList from './src/triggers/offer_list.js';
import segmentList from './src/triggers/segment_list.js';

/*
 * The app Zapier loads: wiring and app-wide flags only, each operation's behaviour in its own file.
 * The operation keys registered here are a public contract: Zaps store them, so one never changes
 * once shipped.
 */

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [...befores],
  afterResponse: [...afters],
  flags: {
    // Our afterResponse maps 429 with ProAbono's Retry-After instead of core's generic error.
    throwForThrottlingEarly: false,
    // Every request goes through z.request, which logs it already; core's patch of Node's http
    // module would only add work (and rewrite other http callers sharing the process).
    skipHttpPatch: true,
  },
  // The key is what Zapier stores in a placeholder: `hydrators.billingAddress`.
  hydrators: { billingAddress: hydrateBillingAddress },
  triggers: {
    [billingAddressUpdated.key]: billingAddressUpdated,
    [billingAddressUpdatedPolling.key]: billingAddressUpdatedPolling,
    [customerAdded.key]: customerAdded,
    [customerEvent.key]: customerEvent,
    [customerList.key]: customerList,
    [subscriptionEvent.key]: subscriptionEvent,
    [invoiceEvent.key]: invoiceEvent,
    [paymentEvent.key]: paymentEvent,
    [segmentList.key]: segmentList,
    [offerList.key]: offerList,
  },
  creates: {
    [updateCustomerBillingAddress.key]: updateCustomerBillingAddress,
    [createCustomer.key]: createCustomer,
    [updateCustomer.key]: updateCustomer,
    [createSubscription.key]: createSubscription,
    [billCustomer.key]: billCustomer,
  },
  searches: {
    [findCustomer.key]: findCustomer,
    [findSubscription.key]: findSubscription,
    [findInvoice.key]: findInvoice,
  },
  // No `update` action: Zapier marks it an internal feature not to use yet. A replay of a step
  // whose create left the address unsaved is finished by Find Customer (src/pendingAddress.ts).
  searchOrCreates: {
    [findCustomer.key]: {
      key: findCustomer.key,
      display: {
        label: 'Find or Create Customer',
        description: 'Finds a customer by reference or email, and creates it when none exists.',
      },
      search: findCustomer.key,
      create: createCustomer.key,
    },
  },
});
