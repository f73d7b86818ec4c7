import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';

import { createProAbonoClient } from './api/client.js';
import { BUSINESS_ID_FORMS_HELP } from './api/config.js';
import { withCleanErrors } from './cleanErrors.js';

/*
 * The ProAbono connection: the fields a user fills in once, and the test that proves them on both
 * APIs before a Zap can use them.
 */

/** ProAbono's help pages on where each credential is found. */
const API_KEYS_HELP_URL =
  'https://docs.proabono.com/documentation/api-overview/how-to-get-my-api-keys';
const WEBHOOK_KEY_HELP_URL =
  'https://docs.proabono.com/documentation/webhooks-2/how-to-secure-a-webhook';

const API_PAGE = `[Integration → API](${API_KEYS_HELP_URL})`;

/**
 * What the connection test returns; the connection label is built from it. It proves the keys on
 * both APIs the app uses: the API Live (customers, addresses) and the Backoffice API (webhooks,
 * event history, email search, segments).
 */
export const testConnection = withCleanErrors(async (z: ZObject, bundle: Bundle) => {
  const client = createProAbonoClient(z, bundle);
  const live = await client.testConnection();
  // The Backoffice counts every segment; the API Live, without a segment, maybe the default one.
  const backoffice = await client.testBackofficeAccess();
  const totalCustomers = backoffice.totalCustomers ?? live.totalCustomers;
  // ProAbono documents no endpoint that names the business: its ID is what identifies it.
  return { businessId: client.businessId, totalCustomers, label: `Business ${client.businessId}` };
});

export default {
  type: 'custom',
  fields: [
    {
      key: 'businessId',
      label: 'Business ID',
      required: true,
      type: 'string',
      helpText:
        `In ProAbono, open ${API_PAGE}: it shows the Business ID, the Agent Key and the API Key. ` +
        'Sandbox and production are separate businesses with their own ID and keys: take all ' +
        `three from the same one. ${BUSINESS_ID_FORMS_HELP}`,
    },
    {
      key: 'agentKey',
      label: 'Agent Key',
      required: true,
      type: 'string',
      helpText: `The **Agent Key** shown on the same [API page](${API_KEYS_HELP_URL}) as the Business ID.`,
    },
    {
      key: 'apiKey',
      label: 'API Key',
      required: true,
      type: 'password',
      helpText:
        `The **API Key** shown on the same [API page](${API_KEYS_HELP_URL}); it is the password ` +
        'of the Agent Key.',
    },
    {
      key: 'webhookSecret',
      label: 'Webhook Security Key',
      required: false,
      type: 'password',
      helpText:
        'Optional, and recommended for instant triggers: with it, Zapier ignores any delivery that ' +
        'ProAbono did not sign. In ProAbono, open ' +
        `[Integration → Webhooks](${WEBHOOK_KEY_HELP_URL}) and copy the webhook security key ` +
        '(secret key). It is not the API Key. Sandbox and production each have their own.',
    },
  ],
  test: testConnection,
  connectionLabel: '{{label}}',
} satisfies Authentication;
