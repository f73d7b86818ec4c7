import nock from 'nock';

// Unit tests never leave the machine; integration tests talk to the sandbox on loopback only.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

// Jest loads a fresh nock for each test file but Node's http module is shared by the process:
// without restoring, the next file's requests go through this file's dead interceptor.
afterAll(() => {
  nock.restore();
});
