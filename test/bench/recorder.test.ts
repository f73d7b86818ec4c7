import { Recorder } from '../../bench/recorder.js';
import type { RemoteSandbox } from '../../bench/remoteSandbox.js';
import type { LoggedRequest } from '../../sandbox/index.js';

/* The Recorder's counted row, against a sandbox that only logs (timing is timing.test.ts's). */

describe('Recorder.count', () => {
  const logged: LoggedRequest[] = [
    {
      method: 'GET',
      path: '/v1/Customer',
      query: { ReferenceCustomer: 'c1' },
      headers: {},
      body: undefined,
    },
  ];
  const fakeSandbox = (calls: string[]) =>
    ({
      url: 'http://127.0.0.1:9',
      authData: { businessId: '42', agentKey: 'agent', apiKey: 'key', webhookSecret: 's' },
      clearRequests: () => {
        calls.push('clear');
        return Promise.resolve();
      },
      requests: () => {
        calls.push('requests');
        return Promise.resolve(logged);
      },
    }) as unknown as RemoteSandbox;

  it('clears the log, runs once, and records the requests made and the records given', async () => {
    const calls: string[] = [];
    const progress: string[] = [];
    const recorder = new Recorder({
      sandbox: fakeSandbox(calls),
      warmup: 0,
      runs: 1,
      progress: (text) => progress.push(text),
    });
    const made = await recorder.count(
      'Find Customer',
      () => {
        calls.push('run');
        return Promise.resolve([{ id: 'c1' }]);
      },
      { method: 'perform.', expected: { requests: 1, source: 'README § Measured' } },
    );
    expect(made).toBe(logged);
    expect(calls).toEqual(['clear', 'run', 'requests']);
    expect(progress).toEqual(['  Find Customer']);
    expect(recorder.requestCounts).toEqual([
      {
        operation: 'Find Customer',
        requests: 1,
        made: ['GET /v1/Customer?ReferenceCustomer=c1'],
        records: 1,
        method: 'perform.',
        expected: { requests: 1, source: 'README § Measured' },
      },
    ]);
  });

  it('leaves records out when the run gives no list, and replays with the Basic header', async () => {
    const recorder = new Recorder({
      sandbox: fakeSandbox([]),
      warmup: 0,
      runs: 1,
      progress: () => undefined,
    });
    await recorder.count('Connection test', () => Promise.resolve({ ok: true }), {
      method: 'test.',
    });
    expect(recorder.requestCounts[0]).not.toHaveProperty('records');
    expect(recorder.replayOf(logged[0] as LoggedRequest)).toEqual({
      url: 'http://127.0.0.1:9/v1/Customer?ReferenceCustomer=c1',
      init: {
        method: 'GET',
        headers: { authorization: 'Basic YWdlbnQ6a2V5', accept: 'application/json' },
      },
    });
  });
});
