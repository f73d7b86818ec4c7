import {
  LAST_ADDRESS_TTL_SECONDS,
  deliveredKey,
  lastAddressKey,
  subscriptionScope,
} from '../src/triggerMemory.js';

describe('subscription scopes and cache keys', () => {
  it('scope a Zap by its webhook, else by its hook URL, else not at all', () => {
    const url = 'https://hooks.zapier.com/hooks/standard/1/a/';
    const byUrl = subscriptionScope({ hookUrl: url });
    expect(subscriptionScope({ webhookId: '7', hookUrl: url })).toBe('webhook:7');
    expect(byUrl).toMatch(/^url:[0-9a-f]{16}$/);
    expect(byUrl).not.toBe(subscriptionScope({ hookUrl: `${url}b/` }));
    expect(subscriptionScope({ webhookId: '', hookUrl: '' })).toBeUndefined();
    expect(subscriptionScope({})).toBeUndefined();
  });

  it('name the business, the scope and the notification or customer', () => {
    expect(deliveredKey(42, 'webhook:7', 'trg_1')).toBe('proabono:v1:delivered:42:webhook:7:trg_1');
    expect(lastAddressKey(42, 'polling', 'cust-42')).toBe('proabono:v1:address:42:polling:cust-42');
  });

  it('remember an address a year, in whole seconds as z.cache requires', () => {
    expect(LAST_ADDRESS_TTL_SECONDS).toBe(365 * 24 * 60 * 60);
  });
});
