import { describeRequest, toReplay } from '../../bench/replay.js';
import { basicAuthorization } from '../../sandbox/zapier/zapierHarness.js';

const AUTHORIZATION = basicAuthorization('agent', 'key');

describe('toReplay', () => {
  it('sends the logged GET to the same path and query, with the Basic header and no body', () => {
    expect(
      toReplay(
        {
          method: 'GET',
          path: '/backoffice/Distribution/Customers',
          query: { IdBusiness: '42', Email: 'a+b@example.com', SizePage: '100' },
          body: undefined,
        },
        'http://127.0.0.1:4321',
        AUTHORIZATION,
      ),
    ).toEqual({
      url: 'http://127.0.0.1:4321/backoffice/Distribution/Customers?IdBusiness=42&Email=a%2Bb%40example.com&SizePage=100',
      init: {
        method: 'GET',
        headers: { authorization: 'Basic YWdlbnQ6a2V5', accept: 'application/json' },
      },
    });
  });

  it('sends a logged JSON body as JSON, with its content type', () => {
    expect(
      toReplay(
        {
          method: 'POST',
          path: '/v1/CustomerAddressBilling',
          query: { ReferenceCustomer: 'cust-es-003' },
          body: { City: 'Madrid', ZipCode: '' },
        },
        'http://127.0.0.1:4321',
        AUTHORIZATION,
      ),
    ).toEqual({
      url: 'http://127.0.0.1:4321/v1/CustomerAddressBilling?ReferenceCustomer=cust-es-003',
      init: {
        method: 'POST',
        headers: {
          authorization: 'Basic YWdlbnQ6a2V5',
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body: '{"City":"Madrid","ZipCode":""}',
      },
    });
  });

  it('leaves the query string out when the request had none', () => {
    expect(
      toReplay(
        {
          method: 'DELETE',
          path: '/backoffice/Notification/Webhooks/7',
          query: {},
          body: undefined,
        },
        'http://127.0.0.1:1',
        AUTHORIZATION,
      ).url,
    ).toBe('http://127.0.0.1:1/backoffice/Notification/Webhooks/7');
  });
});

describe('describeRequest', () => {
  it('names the method, path and encoded query, or the path alone', () => {
    expect(
      describeRequest({
        method: 'GET',
        path: '/backoffice/Distribution/Customers',
        query: { Email: 'a b@example.com', SizePage: '100' },
      }),
    ).toBe('GET /backoffice/Distribution/Customers?Email=a+b%40example.com&SizePage=100');
    expect(
      describeRequest({ method: 'DELETE', path: '/backoffice/Notification/Webhooks/7', query: {} }),
    ).toBe('DELETE /backoffice/Notification/Webhooks/7');
  });
});
