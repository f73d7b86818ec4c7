import {
  DEFAULT_TIMEOUT_MS,
  backofficeBaseUrl,
  liveBaseUrl,
  requestTimeoutMs,
} from '../../src/api/config.js';
import { withEnv } from '../../sandbox/zapierHarness.js';

describe('request timeout', () => {
  it('stays under Zapier’s 30-second limit by default', async () => {
    await withEnv({ PROABONO_TIMEOUT_MS: undefined }, () => {
      expect(requestTimeoutMs()).toBe(25_000);
      expect(DEFAULT_TIMEOUT_MS).toBeLessThan(30_000);
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
