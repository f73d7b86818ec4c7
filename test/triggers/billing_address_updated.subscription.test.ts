import {
  performSubscribe,
  performUnsubscribe,
} from '../../src/triggers/billing_address_updated.js';
import {
  AUTH,
  UNAUTHORIZED,
  appTester,
  backofficeApi,
  expectOnlyTheseRequests,
  rejectionOf,
  seedZcache,
  zcache,
} from '../support/app.js';
import {
  EVENT,
  OTHER_TARGET,
  TAG,
  TARGET,
  WEBHOOK,
  sendCodeApi,
  useTriggerTest,
  webhooksListApi,
} from '../support/billingAddressUpdated.js';
import { expiredAuth, firstLineOf, serverError } from '../support/errors.js';

/** Turning the Zap on and off: performSubscribe and performUnsubscribe. */

useTriggerTest();

describe('performSubscribe', () => {
  const bundle = { authData: { ...AUTH }, targetUrl: TARGET };
  /** The Backoffice registers a webhook for this Zap URL and its one event, once. */
  const registration = () =>
    backofficeApi()
      .post('/Notification/Webhooks', { Url: TARGET, IdBusiness: 42, Triggers: [EVENT] })
      .matchHeader('content-type', 'application/json')
      .times(1)
      .reply(201, WEBHOOK);
  const SUBSCRIBED = { id: '7001', url: TARGET, types: [EVENT] };

  it('registers a webhook for this Zap URL, asks for the verification code: two requests, no list', async () => {
    const create = registration();
    const code = sendCodeApi(7001);
    await expect(appTester(performSubscribe, bundle)).resolves.toEqual(SUBSCRIBED);
    expectOnlyTheseRequests(create, code);
    // Kept for a verification code that arrives before Zapier stores the subscribe data.
    expect(JSON.parse(zcache()[`proabono:v1:webhook:42:${TAG}`] ?? 'null')).toEqual({ id: '7001' });
  });

  it('deletes the webhook an earlier subscription registered for this Zap URL, then registers anew', async () => {
    seedZcache({ [`proabono:v1:webhook:42:${TAG}`]: { id: '6990' } });
    const stale = backofficeApi().delete('/Notification/Webhooks/6990').times(1).reply(204);
    const create = registration();
    const code = sendCodeApi(7001);
    await expect(appTester(performSubscribe, bundle)).resolves.toEqual(SUBSCRIBED);
    expectOnlyTheseRequests(stale, create, code);
  });

  it('registers anew even when that earlier webhook cannot be deleted', async () => {
    seedZcache({ [`proabono:v1:webhook:42:${TAG}`]: { id: '6990' } });
    backofficeApi().delete('/Notification/Webhooks/6990').reply(500);
    const create = registration();
    const code = sendCodeApi(7001);
    await expect(appTester(performSubscribe, bundle)).resolves.toEqual(SUBSCRIBED);
    expectOnlyTheseRequests(create, code);
  });

  it('refuses to turn on without the Webhook Security Key, saying where it is, before any request', async () => {
    for (const webhookSecret of [undefined, '', '  ']) {
      const authData = { ...AUTH, webhookSecret } as Record<string, string>;
      const error = await rejectionOf(appTester(performSubscribe, { authData, targetUrl: TARGET }));
      expect(error).toEqual({
        name: 'AppError',
        code: 'webhook_secret_missing',
        message:
          'Instant triggers need the Webhook Security Key of your ProAbono connection: Zapier ' +
          'checks with it that each delivery comes from ProAbono. In ProAbono, open Integration → ' +
          'Webhooks → secure my webhooks and copy the secret key; then edit your ProAbono ' +
          'connection in Zapier, paste it into Webhook Security Key, and turn this Zap on again. ' +
          'Nothing was registered in ProAbono.',
      });
    }
  });

  it('refuses to subscribe without a target URL, before any request', async () => {
    const error = await rejectionOf(appTester(performSubscribe, { authData: { ...AUTH } }));
    expect(error).toEqual({
      name: 'AppError',
      code: 'missing_target_url',
      message:
        'Zapier did not provide the URL this trigger should receive ProAbono webhooks on. Turn the ' +
        "Zap off and on again; if it keeps failing, send this message to the integration's support.",
    });
  });

  it('maps a 401 to an expired connection, and registers nothing more', async () => {
    backofficeApi().post('/Notification/Webhooks').reply(401, UNAUTHORIZED);
    const error = await rejectionOf(appTester(performSubscribe, bundle));
    expect(firstLineOf(error)).toEqual(expiredAuth());
  });

  it('reports a server error while registering as replayable', async () => {
    backofficeApi().post('/Notification/Webhooks').reply(500, 'Internal Server Error');
    const error = await rejectionOf(appTester(performSubscribe, bundle));
    expect(error).toEqual(
      serverError(
        'registering a webhook for Zapier',
        500,
        ' (the answer was not JSON: "Internal Server Error")',
      ),
    );
  });
});

describe('performUnsubscribe', () => {
  const bundle = {
    authData: { ...AUTH },
    targetUrl: TARGET,
    subscribeData: { id: '7001', url: TARGET },
  };

  it('deletes the webhook of the subscribe data, and forgets it', async () => {
    seedZcache({ [`proabono:v1:webhook:42:${TAG}`]: { id: '7001' } });
    const scope = backofficeApi().delete('/Notification/Webhooks/7001').times(1).reply(200);
    await expect(appTester(performUnsubscribe, bundle)).resolves.toEqual({
      id: '7001',
      deleted: true,
    });
    expectOnlyTheseRequests(scope);
    expect(zcache()).toEqual({});
  });

  it('treats a webhook that is already gone (404) as unsubscribed', async () => {
    backofficeApi()
      .delete('/Notification/Webhooks/7001')
      .reply(404, { Code: 'NotFound', Message: 'Webhook not found' });
    await expect(appTester(performUnsubscribe, bundle)).resolves.toEqual({
      id: '7001',
      deleted: false,
    });
  });

  it('deletes the webhook cached for this Zap URL when Zapier lost the subscribe data', async () => {
    seedZcache({ [`proabono:v1:webhook:42:${TAG}`]: { id: '7001' } });
    const scope = backofficeApi().delete('/Notification/Webhooks/7001').times(1).reply(204);
    await expect(
      appTester(performUnsubscribe, { authData: { ...AUTH }, targetUrl: TARGET }),
    ).resolves.toEqual({ ids: ['7001'], deleted: true });
    expectOnlyTheseRequests(scope);
  });

  it("falls back to ProAbono's list, an optional extra, when nothing else names the webhook", async () => {
    webhooksListApi([
      { Id: 6990, Url: OTHER_TARGET, Triggers: [EVENT] },
      { Id: 7001, Url: TARGET, Triggers: [EVENT] },
    ]);
    backofficeApi().delete('/Notification/Webhooks/7001').times(1).reply(200);
    await expect(
      appTester(performUnsubscribe, { authData: { ...AUTH }, targetUrl: TARGET }),
    ).resolves.toEqual({ ids: ['7001'], deleted: true });
  });

  it.each([[404], [405], [403]])(
    'unsubscribes without failing when that list answers %d',
    async (status) => {
      backofficeApi().get('/Notification/Webhooks').query(true).reply(status);
      await expect(
        appTester(performUnsubscribe, { authData: { ...AUTH }, targetUrl: TARGET }),
      ).resolves.toEqual({ ids: [], deleted: false });
    },
  );

  it('reports a server error', async () => {
    backofficeApi().delete('/Notification/Webhooks/7001').reply(502);
    const error = await rejectionOf(appTester(performUnsubscribe, bundle));
    expect(error).toMatchObject({ name: 'AppError', code: 'server_error', status: 502 });
  });
});
