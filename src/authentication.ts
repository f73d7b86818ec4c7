import type { Authentication, Bundle, ZObject } from 'zapier-platform-core';

import { createProAbonoClient } from './api/client.js';

const KEYS_HELP =
  'In ProAbono, open **Integration → API**. Sandbox and production are separate businesses with ' +
  'their own Business ID and keys: take all of them from the same one.';

/** What the connection test returns; the connection label is built from it. */
export const testConnection = async (z: ZObject, bundle: Bundle) => {
  const client = createProAbonoClient(z, bundle);
  const { totalCustomers } = await client.testConnection();
  return {
    businessId: client.businessId,
    totalCustomers,
    label: `Business ${client.businessId} (${totalCustomers} ${totalCustomers === 1 ? 'customer' : 'customers'})`,
  };
};

export default {
  type: 'custom',
  fields: [
    {
      key: 'businessId',
      label: 'Business ID',
      required: true,
      type: 'string',
      helpText:
        `${KEYS_HELP} Enter the Business ID (a number such as 42) or paste the "Endpoint API" URL ` +
        'shown there, such as `https://api-42.proabono.com`.',
    },
    {
      key: 'agentKey',
      label: 'Agent Key',
      required: true,
      type: 'string',
      helpText: `${KEYS_HELP} Copy the **Agent Key**.`,
    },
    {
      key: 'apiKey',
      label: 'API Key',
      required: true,
      type: 'password',
      helpText: `${KEYS_HELP} Copy the **API Key**; it is the password of the Agent Key.`,
    },
    {
      key: 'webhookSecret',
      label: 'Webhook Security Key',
      required: false,
      type: 'password',
      helpText:
        'Optional, and recommended for instant triggers: with it, Zapier ignores any delivery that ' +
        'ProAbono did not sign. In ProAbono, open **Integration → Webhooks** and copy the webhook ' +
        'security key (secret key). It is not the API Key. Sandbox and production each have their own.',
    },
  ],
  test: testConnection,
  connectionLabel: '{{label}}',
} satisfies Authentication;
