import fc from 'fast-check';

import { perform } from '../../src/creates/create_subscription.js';
import { LIVE } from '../support/app.js';
import { runWithFakeZ } from '../support/fakeZ.js';
import { JOHN_DOE_SUBSCRIPTION } from '../support/proabono.js';
import {
  expectReferenceSentAsGiven,
  isBlank,
  mappedDate,
  mappedFieldOr,
  mappedYesNo,
} from '../support/sentText.js';

const yesNo = mappedYesNo(4);

const inputData = fc.record(
  {
    ReferenceCustomer: mappedFieldOr('cust-42', ' cust-42 ', 'cust {{x}}', 'a&b'),
    ReferenceOffer: mappedFieldOr('premium-monthly', ' pro-yearly ', 'plan {{1}} 100%'),
    DateStart: fc.oneof(mappedDate, fc.constantFrom(undefined)),
    TryStart: yesNo,
    BillNow: yesNo,
    EnsureBillable: yesNo,
    skip_if_subscribed: yesNo,
  },
  { requiredKeys: ['ReferenceCustomer', 'ReferenceOffer'] },
);

/** What ProAbono holds for the customer: nothing, a running subscription, or an ended one. */
const world = fc.constantFrom('none', 'running', 'ended');

const FLAGS = ['TryStart', 'BillNow', 'EnsureBillable'];

describe('create_subscription, for any input', () => {
  it('looks up and creates with every value as given, or refuses before any request', async () => {
    const seen = { created: 0, skipped: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(inputData, world, async (input, held) => {
        const run = await runWithFakeZ(perform, input, (request) => {
          if (request.method === 'POST') return { status: 201, data: JOHN_DOE_SUBSCRIPTION };
          if (request.url.endsWith('/v1/Subscriptions')) return { status: 204 };
          if (held === 'none') return { status: 404 };
          const status = held === 'running' ? 'Active' : 'Ended';
          return {
            status: 200,
            data: {
              ...JOHN_DOE_SUBSCRIPTION,
              ReferenceOffer: request.params.ReferenceOffer,
              Status: status,
            },
          };
        });
        if (run.refused) {
          seen.refused += 1;
          return;
        }
        const { requests } = run;
        const post = requests.find((request) => request.method === 'POST');
        const lookup = requests.find(
          (request) => request.url === `${LIVE}/v1/Subscription` && request.method === 'GET',
        );
        const customer =
          (post?.body as Record<string, unknown> | undefined)?.ReferenceCustomer ??
          lookup?.params.ReferenceCustomer;
        const offer =
          (post?.body as Record<string, unknown> | undefined)?.ReferenceOffer ??
          lookup?.params.ReferenceOffer;
        expectReferenceSentAsGiven(customer, input.ReferenceCustomer);
        expectReferenceSentAsGiven(offer, input.ReferenceOffer);
        if (lookup !== undefined) {
          expect(requests[0]).toEqual({
            method: 'GET',
            url: `${LIVE}/v1/Subscription`,
            params: { ReferenceCustomer: customer, ReferenceOffer: offer, IgnoreFeatures: 'true' },
            body: undefined,
          });
        }
        if (post === undefined) {
          // Skipped: the running subscription is returned, nothing written.
          expect(held).toBe('running');
          expect(requests).toHaveLength(1);
          expect(run.result).toMatchObject({ created: false });
          seen.skipped += 1;
          return;
        }
        expect(requests.at(-1)).toBe(post);
        expect(post.url).toBe(`${LIVE}/v1/Subscription`);
        expect(Object.keys(post.params)).toEqual(FLAGS);
        for (const flag of FLAGS) expect(['true', 'false']).toContain(post.params[flag]);
        if (post.params.BillNow === 'true') expect(post.params.TryStart).toBe('true');
        const body = post.body as Record<string, unknown>;
        expect(Object.keys(body)).toEqual(
          ['ReferenceCustomer', 'ReferenceOffer', 'DateStart'].filter((key) => key in body),
        );
        if (isBlank(input.DateStart)) expect(body).not.toHaveProperty('DateStart');
        else expect(body.DateStart).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
        // With the option on, a lookup first; an ended subscription adds the list of all.
        expect(requests.length).toBe(lookup === undefined ? 1 : held === 'ended' ? 3 : 2);
        expect(run.result).toMatchObject({ id: JOHN_DOE_SUBSCRIPTION.Id, created: true });
        seen.created += 1;
      }),
      { numRuns: 1000 },
    );
    expect(seen.created).toBeGreaterThan(100);
    expect(seen.skipped).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(100);
  });
});
