import zapier, { defineApp } from 'zapier-platform-core';

import packageJson from './package.json' with { type: 'json' };
import authentication from './src/authentication.js';
import { billingAddress } from './src/hydrators.js';
import { afters, befores } from './src/middleware.js';
import billingAddressUpdated from './src/triggers/billing_address_updated.js';
import billingAddressUpdatedPolling from './src/triggers/billing_address_updated_polling.js';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [...befores],
  afterResponse: [...afters],
  // Our afterResponse maps 429 with ProAbono's Retry-After instead of core's generic error.
  flags: { throwForThrottlingEarly: false },
  hydrators: { billingAddress },
  triggers: {
    [billingAddressUpdated.key]: billingAddressUpdated,
    [billingAddressUpdatedPolling.key]: billingAddressUpdatedPolling,
  },
  creates: {},
  searches: {},
});
