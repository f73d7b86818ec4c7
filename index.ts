import zapier, { defineApp } from 'zapier-platform-core';

import packageJson from './package.json' with { type: 'json' };
import authentication from './src/authentication.js';
import { afters, befores } from './src/middleware.js';

export default defineApp({
  version: packageJson.version,
  platformVersion: zapier.version,
  authentication,
  beforeRequest: [...befores],
  afterResponse: [...afters],
  // Our afterResponse maps 429 with ProAbono's Retry-After instead of core's generic error.
  flags: { throwForThrottlingEarly: false },
  triggers: {},
  creates: {},
  searches: {},
});
