import {
  performSubscribe,
  performUnsubscribe,
} from '../../src/triggers/billing_address_updated.js';
import { AUTH, UNAUTHORIZED, appTester, backofficeApi, rejectionOf } from '../support/app.js';
import {
  EVENT,
  OTHER_TARGET,
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
  /** The Backoffice registers a webhook for this Zap URL, once. */
  const registration = () =>
    backofficeApi()
      .post('/Notification/Webhooks', { Url: TARGET, IdBusiness: 42, Triggers: [EVENT] })
      .matchHeader('content-type', 'application/json')
      .times(1)
      .reply(201, WEBHOOK);
  /** Turning the Zap on asks for webhook 7001's verification code and subscribes to it. */
  const expectSubscribedTo7001 = async () => {
    sendCodeApi(7001);
    await expect(appTester(performSubscribe, bundle)).resolves.toEqual({ id: '7001', url: TARGET });
  };

  it('registers a webhook for this Zap URL and asks for the verification code', async () => {
    webhooksListApi([]);
    const create = registration();
    await expectSubscribedTo7001();
    expect(create.isDone()).toBe(true);
  });

  it('reuses a webhook that already posts to this Zap URL: no second webhook', async () => {
    webhooksListApi([
      { Id: 6990, Url: OTHER_TARGET, Triggers: [EVENT] },
      { Id: 7001, Url: TARGET, Triggers: [EVENT], IsActive: true },
    ]);
    await expectSubscribedTo7001();
  });

  it('does not reuse a webhook on this Zap URL that delivers only other events', async () => {
    webhooksListApi([{ Id: 6995, Url: TARGET, Triggers: ['CustomerAdded'] }]);
    const create = registration();
    await expectSubscribedTo7001();
    expect(create.isDone()).toBe(true);
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

  it('maps a 401 to an expired connection', async () => {
    backofficeApi().get('/Notification/Webhooks').query(true).reply(401, UNAUTHORIZED);
    const error = await rejectionOf(appTester(performSubscribe, bundle));
    expect(firstLineOf(error)).toEqual(expiredAuth());
  });

  it('reports a server error while registering as replayable', async () => {
    webhooksListApi([]);
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

  it('deletes the webhook of the subscribe data', async () => {
    const scope = backofficeApi().delete('/Notification/Webhooks/7001').times(1).reply(200);
    await expect(appTester(performUnsubscribe, bundle)).resolves.toEqual({
      id: '7001',
      deleted: true,
    });
    expect(scope.isDone()).toBe(true);
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

  it('finds the webhooks by Zap URL when Zapier lost the subscribe data', async () => {
    webhooksListApi([
      { Id: 6990, Url: OTHER_TARGET, Triggers: [EVENT] },
      { Id: 7001, Url: TARGET, Triggers: [EVENT] },
    ]);
    backofficeApi().delete('/Notification/Webhooks/7001').times(1).reply(200);
    await expect(
      appTester(performUnsubscribe, { authData: { ...AUTH }, targetUrl: TARGET }),
    ).resolves.toEqual({ ids: ['7001'], deleted: true });
  });

  it('reports a server error', async () => {
    backofficeApi().delete('/Notification/Webhooks/7001').reply(502);
    const error = await rejectionOf(appTester(performUnsubscribe, bundle));
    expect(error).toMatchObject({ name: 'AppError', code: 'server_error', status: 502 });
  });
});
