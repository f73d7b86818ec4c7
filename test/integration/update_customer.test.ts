import { basicAuthorization } from '../../sandbox/zapier/zapierHarness.js';
import { perform } from '../../src/creates/update_customer.js';
import { rejectionOf } from '../support/app.js';
import { seededCustomerBlock } from '../support/records.js';
import { customerLookup, customerSave } from '../support/requests.js';
import { customersWithReference, requestLog, useSandbox } from '../support/sandbox.js';
import {
  customerSegmentUnknown,
  invalidData,
  invalidInput,
  noCustomerToUpdate,
  nothingToUpdateCustomer,
} from '../support/errors.js';

/**
 * Update Customer, the real app against the sandbox. The sandbox, like ProAbono, upserts on the
 * reference within a segment and uses the default segment when the request names none: the
 * action must send the customer's own segment, or it would create a twin.
 */

const env = useSandbox();

const update = env.step(perform);

it('changes only the fields filled in, in two requests, leaving the others and the address as they were', async () => {
  const before = env.sandbox.customers.get('cust-de-002');
  const record = await update({
    ReferenceCustomer: 'cust-de-002',
    Name: '',
    Email: ' rechnung@becker-sohn.de ',
    Language: 'DE_at',
  });
  expect(record).toEqual({
    id: 'cust-de-002',
    IdCustomer: 233701,
    ...seededCustomerBlock('cust-de-002'),
    Email: 'rechnung@becker-sohn.de',
    Language: 'de-AT',
    ReferenceAffiliation: null,
    Metadata: {},
  });
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-de-002'),
    customerSave({
      ReferenceCustomer: 'cust-de-002',
      Email: 'rechnung@becker-sohn.de',
      Language: 'de-AT',
      ReferenceSegment: 'sandbox-eur',
    }),
  ]);
  expect(env.sandbox.customers.get('cust-de-002')).toEqual({
    ...before,
    Email: 'rechnung@becker-sohn.de',
    Language: 'de-AT',
    DateUpdate: expect.any(String),
  });
  // An update of the customer is not a new customer.
  expect(env.sandbox.events()).toEqual([]);
});

it('updates a customer of a non-default segment in its own segment: no twin in the default one', async () => {
  const record = await update({ ReferenceCustomer: 'cust-us-005', Name: 'Emily Carter-Jones' });
  expect(record).toMatchObject({
    id: 'cust-us-005',
    IdCustomer: 233704,
    Name: 'Emily Carter-Jones',
    ReferenceSegment: 'sandbox-usd',
  });
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-us-005'),
    customerSave({
      ReferenceCustomer: 'cust-us-005',
      Name: 'Emily Carter-Jones',
      ReferenceSegment: 'sandbox-usd',
    }),
  ]);
  expect(
    customersWithReference(env.sandbox, 'cust-us-005').map(({ Id, ReferenceSegment, Name }) => ({
      Id,
      ReferenceSegment,
      Name,
    })),
  ).toEqual([{ Id: 233704, ReferenceSegment: 'sandbox-usd', Name: 'Emily Carter-Jones' }]);
  expect(env.sandbox.customers.list()).toHaveLength(6);
  expect(env.sandbox.events()).toEqual([]);
});

it('refuses when the lookup does not name the segment: no post without it, so no twin', async () => {
  const stored = env.sandbox.customers.get('cust-us-005');
  // ProAbono documents ReferenceSegment on the customer; an answer without it must not lead to
  // a POST that the upsert would apply to the default segment.
  env.sandbox.addFault({
    method: 'GET',
    path: '/v1/Customer',
    json: {
      Id: 233704,
      ReferenceCustomer: 'cust-us-005',
      Name: stored?.Name,
      Email: stored?.Email,
      Language: stored?.Language,
      Status: 'Enabled',
    },
  });
  expect(
    await rejectionOf(update({ ReferenceCustomer: 'cust-us-005', Name: 'Emily Carter-Jones' })),
  ).toEqual(customerSegmentUnknown('cust-us-005'));
  expect(requestLog(env.sandbox)).toEqual([customerLookup('cust-us-005')]);
  expect(customersWithReference(env.sandbox, 'cust-us-005')).toEqual([stored]);
});

it('sends a language name as its code, the affiliation, and metadata pairs added to the stored ones', async () => {
  await update({ ReferenceCustomer: 'cust-fr-001', Metadata: { crm_id: '4711' } });
  env.sandbox.resetRequests();
  const record = await update({
    ReferenceCustomer: 'cust-fr-001',
    Language: 'Français',
    ReferenceAffiliation: 'partner-17',
    Metadata: { source: 'salon', crm_id: '' },
  });
  expect(record).toMatchObject({
    Language: 'fr',
    ReferenceAffiliation: 'partner-17',
    Metadata: { crm_id: '4711', source: 'salon' },
  });
  // The sandbox replaces a customer's metadata with what a POST sends: the pair this step left
  // blank survives only because it was sent again.
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-fr-001'),
    customerSave({
      ReferenceCustomer: 'cust-fr-001',
      Language: 'fr',
      ReferenceAffiliation: 'partner-17',
      Metadata: { crm_id: '4711', source: 'salon' },
      ReferenceSegment: 'sandbox-eur',
    }),
  ]);
  expect(env.sandbox.customers.get('cust-fr-001')).toMatchObject({
    Language: 'fr',
    ReferenceAffiliation: 'partner-17',
    Metadata: { crm_id: '4711', source: 'salon' },
  });
});

it('the same POST without the segment, as a naive update would send it, creates the twin', async () => {
  // The contrast that makes the test above meaningful: this sandbox does create twins.
  const { agentKey, apiKey } = env.sandbox.authData;
  const response = await fetch(`${env.sandbox.url}/v1/Customer`, {
    method: 'POST',
    headers: {
      authorization: basicAuthorization(agentKey, apiKey),
      'content-type': 'application/json',
    },
    body: JSON.stringify({ ReferenceCustomer: 'cust-us-005', Name: 'Emily Carter-Jones' }),
  });
  expect(response.status).toBe(201);
  expect(
    customersWithReference(env.sandbox, 'cust-us-005').map((customer) => customer.ReferenceSegment),
  ).toEqual(['sandbox-usd', 'sandbox-eur']);
});

it('never creates: an unknown reference is an error after the lookup alone', async () => {
  const error = await rejectionOf(update({ ReferenceCustomer: 'cust-nobody', Name: 'Nobody' }));
  expect(error).toEqual(noCustomerToUpdate('cust-nobody'));
  expect(requestLog(env.sandbox)).toEqual([customerLookup('cust-nobody')]);
  expect(env.sandbox.customers.list()).toHaveLength(6);
});

it("ProAbono's 422 names the Zapier field, and nothing changes", async () => {
  const before = env.sandbox.customers.get('cust-fr-001');
  env.sandbox.addFault({
    method: 'POST',
    path: '/v1/Customer',
    status: 422,
    json: [{ Code: 'Error.Api.Customer.Email.Invalid', Message: 'Refused.', Target: 'Email' }],
  });
  const error = await rejectionOf(
    update({ ReferenceCustomer: 'cust-fr-001', Email: 'camille@atelier.example' }),
  );
  expect(error).toEqual(
    invalidData(
      'saving customer "cust-fr-001"',
      'Email: Refused. (Error.Api.Customer.Email.Invalid)',
    ),
  );
  expect(requestLog(env.sandbox)).toEqual([
    customerLookup('cust-fr-001'),
    customerSave({
      ReferenceCustomer: 'cust-fr-001',
      Email: 'camille@atelier.example',
      ReferenceSegment: 'sandbox-eur',
    }),
  ]);
  expect(env.sandbox.customers.get('cust-fr-001')).toEqual(before);
});

it('refuses a step with nothing to change before any request', async () => {
  expect(await rejectionOf(update({ ReferenceCustomer: 'cust-fr-001', Name: ' ' }))).toEqual(
    invalidInput(nothingToUpdateCustomer('cust-fr-001')),
  );
  expect(env.sandbox.requests()).toEqual([]);
});
