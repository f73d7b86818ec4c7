import App from '../../index.js';
import { placeholderBundle } from '../../sandbox/zapier/zapierHarness.js';
import { perform as updateAddress } from '../../src/creates/update_customer_billing_address.js';
import { hydrateBillingAddress } from '../../src/hydrators.js';
import { perform as findCustomer } from '../../src/searches/find_customer.js';
import { perform as instantPerform } from '../../src/triggers/billing_address_updated.js';
import { perform as poll } from '../../src/triggers/billing_address_updated_polling.js';
import { rejectionOf } from '../support/app.js';
import { signedDelivery } from '../support/hookTrigger.js';
import { requestLog, useSandbox } from '../support/sandbox.js';

/*
 * What a hostile tester found, on the sandbox: `{{…}}` in a value, which zapier-platform-core
 * treats as its own template syntax, once sent an operation to another customer. Each operation
 * and both triggers now act on exactly the customer named, and no other is touched.
 */

const env = useSandbox();

/** Customers whose references and emails hold `{{…}}`, beside the ones they once collided with. */
const seedLookalikes = () => {
  const { customers } = env.sandbox;
  customers.upsert({
    ReferenceCustomer: 'cust-fr-001{{x}}',
    Name: 'Braces SARL',
    Email: 'a{{b}}c@x.com',
    address: { City: 'Nantes', Country: 'FR' },
  });
  customers.upsert({ ReferenceCustomer: 'acme', Name: 'Acme', Email: 'ac@x.com' });
  customers.upsert({ ReferenceCustomer: '{{x}}', Name: 'Only Braces', address: { City: 'Lille' } });
};

const addressOf = (reference: string) => env.sandbox.customers.address(reference);

describe('values with {{…}} reach the customer they name, and no other', () => {
  beforeEach(seedLookalikes);

  it('Update Customer Billing Address changes cust-fr-001{{x}}, and leaves cust-fr-001 alone', async () => {
    const before = addressOf('cust-fr-001');
    const record = await env.perform(updateAddress, {
      inputData: {
        ReferenceCustomer: 'cust-fr-001{{x}}',
        City: 'Rennes {{bundle.inputData.City}}',
      },
    });
    expect(record).toMatchObject({
      ReferenceCustomer: 'cust-fr-001{{x}}',
      City: 'Rennes {{bundle.inputData.City}}',
    });
    expect(addressOf('cust-fr-001{{x}}')?.City).toBe('Rennes {{bundle.inputData.City}}');
    expect(addressOf('cust-fr-001')).toEqual(before);
    expect(requestLog(env.sandbox)).toEqual([
      {
        method: 'POST',
        path: '/v1/CustomerAddressBilling',
        query: { ReferenceCustomer: 'cust-fr-001{{x}}' },
        body: { City: 'Rennes {{bundle.inputData.City}}' },
      },
    ]);
  });

  it('an update for {{x}} goes to the customer {{x}}, not to an empty reference', async () => {
    await env.perform(updateAddress, { inputData: { ReferenceCustomer: '{{x}}', City: 'Douai' } });
    expect(addressOf('{{x}}')?.City).toBe('Douai');
  });

  it('an update for a reference ProAbono does not know is refused, and changes nothing', async () => {
    const before = addressOf('cust-fr-001');
    const error = await rejectionOf(
      env.perform(updateAddress, {
        inputData: { ReferenceCustomer: 'cust-fr-001{{nobody}}', City: 'Brest' },
      }),
    );
    expect(error).toMatchObject({ name: 'AppError', code: 'customer_not_found', status: 403 });
    expect(addressOf('cust-fr-001')).toEqual(before);
  });

  it('Find Customer for acme{{1}} finds nobody, not acme', async () => {
    await expect(
      env.perform(findCustomer, { inputData: { ReferenceCustomer: 'acme{{1}}' } }),
    ).resolves.toEqual([]);
    expect(requestLog(env.sandbox)).toEqual([
      {
        method: 'GET',
        path: '/v1/Customer',
        query: { ReferenceCustomer: 'acme{{1}}' },
        body: undefined,
      },
    ]);
  });

  it('Find Customer by the email a{{b}}c@x.com finds that customer, not ac@x.com', async () => {
    const [found] = (await env.perform(findCustomer, {
      inputData: { Email: 'a{{b}}c@x.com' },
    })) as Record<string, unknown>[];
    expect(found).toMatchObject({ ReferenceCustomer: 'cust-fr-001{{x}}', City: 'Nantes' });
  });

  it('the instant trigger and the polling hydrator read the customer the event names', async () => {
    const event = env.sandbox.emitBillingAddressUpdated('cust-fr-001{{x}}');
    const [delivered] = (await env.perform(
      instantPerform,
      signedDelivery(env.sandbox, event),
    )) as Record<string, unknown>[];
    expect(delivered?.billing_address).toMatchObject({ City: 'Nantes', Country: 'FR' });

    const hydrated = await env.perform(hydrateBillingAddress, {
      inputData: { reference: 'cust-fr-001{{x}}', notificationId: event.Id },
    });
    expect(hydrated).toMatchObject({ City: 'Nantes' });
    const addressReads = requestLog(env.sandbox).filter(
      ({ path }) => path === '/v1/CustomerAddressBilling',
    );
    expect(addressReads.map(({ query }) => query)).toEqual([
      { ReferenceCustomer: 'cust-fr-001{{x}}' },
      { ReferenceCustomer: 'cust-fr-001{{x}}' },
    ]);
  });

  it('the polling trigger carries the reference intact into its placeholder', async () => {
    const event = env.sandbox.emitBillingAddressUpdated('cust-fr-001{{x}}');
    const [record] = (await env.perform(poll, {
      meta: { limit: 100, page: 0 },
    })) as Record<string, unknown>[];
    expect(placeholderBundle(record?.billing_address)).toEqual({
      reference: 'cust-fr-001{{x}}',
      notificationId: event.Id,
      dateTrigger: event.DateTrigger,
    });
    expect(App.hydrators?.billingAddress).toBe(hydrateBillingAddress);
  });
});
