import nock from 'nock';

// Unit tests never leave the machine; integration tests talk to the sandbox on loopback only.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

// Jest runs test files one after the other in one process, which shares node's http module:
// each file's nock must remove its interceptor, or the next file's nock cannot install its own.
afterAll(() => {
  nock.restore();
});
