import { backofficeBaseUrl, liveBaseUrl, requestTimeoutMs } from '../../src/api/config.js';
import { withEnv } from '../../sandbox/zapier/zapierHarness.js';
import { thrownBy } from '../support/app.js';

describe('request timeout', () => {
  it('stays under Zapier’s 30-second limit by default', async () => {
    await withEnv({ PROABONO_TIMEOUT_MS: undefined }, () => {
      expect(requestTimeoutMs()).toBe(25_000);
    });
  });

  it.each([
    ['1500', 1500],
    ['60000', 25_000],
    ['-1', 25_000],
    ['abc', 25_000],
    ['2.5', 25_000],
  ])(
    'PROABONO_TIMEOUT_MS=%s gives %i ms (it can only lower the limit)',
    async (value, expected) => {
      await withEnv({ PROABONO_TIMEOUT_MS: value }, () => {
        expect(requestTimeoutMs()).toBe(expected);
      });
    },
  );
});

describe('base URLs', () => {
  it('default to ProAbono’s hosts', async () => {
    await withEnv({ PROABONO_LIVE_URL: undefined, PROABONO_BACKOFFICE_URL: '' }, () => {
      expect(liveBaseUrl(42)).toBe('https://api-42.proabono.com');
      expect(backofficeBaseUrl()).toBe('https://via.proabono.com');
    });
  });

  it('drop trailing slashes of an override and keep its path', async () => {
    await withEnv({ PROABONO_BACKOFFICE_URL: 'http://127.0.0.1:8787/backoffice//' }, () => {
      expect(backofficeBaseUrl()).toBe('http://127.0.0.1:8787/backoffice');
    });
  });
});

describe('plain-http overrides', () => {
  const HTTPS_ONLY = (name: string) =>
    `The environment variable ${name} must be an https:// URL: plain http:// is accepted only ` +
    'for this machine (127.0.0.1 to 127.255.255.255, ::1 or localhost). Unset it to use ' +
    'ProAbono itself.';

  it.each([
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
    ['http://127.45.6.200/api/', 'http://127.45.6.200/api'],
    ['http://127.1:9000', 'http://127.0.0.1:9000'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
    ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['HTTP://LOCALHOST', 'http://localhost'],
    ['https://proabono.example.com/live', 'https://proabono.example.com/live'],
    ['https://10.0.0.5:8443', 'https://10.0.0.5:8443'],
  ])('accept %s for either API, as %s', async (value, expected) => {
    await withEnv({ PROABONO_LIVE_URL: value, PROABONO_BACKOFFICE_URL: value }, () => {
      expect(liveBaseUrl(42)).toBe(expected);
      expect(backofficeBaseUrl()).toBe(expected);
    });
  });

  it.each([
    'http://10.0.0.5:8080',
    'http://proabono.example.com',
    'http://api-42.proabono.com',
    'http://0.0.0.0:8787',
    'http://128.0.0.1',
    'http://127.0.0.1.example.com',
    'http://localhost.example.com',
    'http://[::2]',
    'http://[::ffff:127.0.0.1]',
  ])('refuse %s, naming the variable', async (value) => {
    await withEnv({ PROABONO_LIVE_URL: value, PROABONO_BACKOFFICE_URL: undefined }, () => {
      expect(() => liveBaseUrl(42)).toThrow(HTTPS_ONLY('PROABONO_LIVE_URL'));
      expect(backofficeBaseUrl()).toBe('https://via.proabono.com');
    });
    await withEnv({ PROABONO_LIVE_URL: undefined, PROABONO_BACKOFFICE_URL: value }, () => {
      expect(liveBaseUrl(42)).toBe('https://api-42.proabono.com');
      expect(() => backofficeBaseUrl()).toThrow(HTTPS_ONLY('PROABONO_BACKOFFICE_URL'));
    });
  });

  it('refuse with a user-facing error of its own code, without the value', async () => {
    await withEnv({ PROABONO_LIVE_URL: 'http://user:s3cret-pass@10.0.0.5:8080' }, async () => {
      expect(await thrownBy(() => liveBaseUrl(42))).toEqual({
        name: 'AppError',
        code: 'invalid_configuration',
        message: HTTPS_ONLY('PROABONO_LIVE_URL'),
      });
    });
  });
});
