import zapier, { defineApp, defineTrigger } from 'zapier-platform-core';
import type {
  Bundle,
  WebhookTriggerPerform,
  WebhookTriggerPerformList,
  WebhookTriggerPerformSubscribe,
  WebhookTriggerPerformUnsubscribe,
} from 'zapier-platform-core';

import { basicAuthorization } from '../../sandbox/zapier/zapierHarness.js';

/**
 * A tiny app with one hook trigger, to test the hook runner before the real trigger exists. It
 * registers and verifies a webhook on the sandbox like a REST-hook trigger would (Backoffice URL
 * from PROABONO_BACKOFFICE_URL, keys from authData), dedupes on the notification Id with
 * z.cache, and returns what Zapier handed it so tests can inspect it.
 */

export const HOOK_KEY = 'test_hook';

export interface Observation {
  kind: 'verification' | 'event';
  subscribeData: Bundle['subscribeData'] | null;
}

export const makeHookApp = (key = HOOK_KEY) => {
  const observations: Observation[] = [];
  const backofficeUrl = () => process.env.PROABONO_BACKOFFICE_URL ?? '';
  const headersFor = (bundle: Bundle) => ({
    authorization: basicAuthorization(bundle.authData.agentKey ?? '', bundle.authData.apiKey ?? ''),
    accept: 'application/json',
  });

  const performSubscribe: WebhookTriggerPerformSubscribe = async (z, bundle) => {
    const backoffice = backofficeUrl();
    const headers = headersFor(bundle);
    const created = await z.request({
      method: 'POST',
      url: `${backoffice}/Notification/Webhooks`,
      headers,
      body: {
        Url: bundle.targetUrl,
        IdBusiness: Number(bundle.authData.businessId),
        Triggers: ['CustomerBillingAddressUpdated'],
      },
    });
    const { Id } = created.data as { Id: number };
    await z.request({
      url: `${backoffice}/Notification/Webhooks/${Id}/Verification`,
      params: { sendCode: 'true' },
      headers,
    });
    return { id: String(Id) };
  };

  const perform: WebhookTriggerPerform = async (z, bundle) => {
    const body = bundle.cleanedRequest as Record<string, unknown>;
    if (body.explode === true) throw new z.errors.Error('Exploded on purpose', 'test_error');
    if (typeof body.delayMs === 'number') {
      await new Promise((resolve) => setTimeout(resolve, body.delayMs as number));
    }
    if (typeof body.Code === 'string' && body.TypeTrigger === undefined) {
      const backoffice = backofficeUrl();
      const headers = headersFor(bundle);
      observations.push({ kind: 'verification', subscribeData: bundle.subscribeData ?? null });
      const id = bundle.subscribeData?.id ?? String(body.IdWebhook);
      await z.request({
        method: 'POST',
        url: `${backoffice}/Notification/Webhooks/${id}/Verification`,
        params: { code: body.Code, echo: 'true' },
        headers,
      });
      return [];
    }
    observations.push({ kind: 'event', subscribeData: bundle.subscribeData ?? null });
    const id = String(body.Id);
    if ((await z.cache.get(`seen:${id}`)) !== null) return [];
    await z.cache.set(`seen:${id}`, '1', 3600);
    return [
      {
        id,
        cleanedRequest: bundle.cleanedRequest as unknown,
        rawRequest: bundle.rawRequest ?? null,
        subscribeData: bundle.subscribeData ?? null,
        targetUrl: bundle.targetUrl ?? null,
        isLoadingSample: bundle.meta.isLoadingSample,
      },
    ];
  };

  const performUnsubscribe: WebhookTriggerPerformUnsubscribe = async (z, bundle) => {
    const response = await z.request({
      method: 'DELETE',
      url: `${backofficeUrl()}/Notification/Webhooks/${bundle.subscribeData?.id ?? ''}`,
      headers: headersFor(bundle),
      skipThrowForStatus: true,
    });
    return { deleted: response.status === 204 };
  };

  const performList: WebhookTriggerPerformList = (_z, bundle) => [
    { id: 'sample', isLoadingSample: bundle.meta.isLoadingSample, limit: bundle.meta.limit },
  ];

  const app = defineApp({
    version: '1.0.0',
    platformVersion: zapier.version,
    triggers: {
      [key]: defineTrigger({
        key,
        noun: 'Address',
        display: { label: 'Test Hook', description: 'Triggers when the test hook fires.' },
        operation: { type: 'hook', perform, performList, performSubscribe, performUnsubscribe },
      }),
    },
  });
  return { app, observations };
};
