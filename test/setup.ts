import nock from 'nock';

// Unit tests never leave the machine; integration tests talk to the sandbox on loopback only.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

// Each test file loads its own copy of nock, but the HTTP interception it installs is
// process-wide: hand it back so the next file's copy can install its own.
afterAll(() => {
  nock.restore();
});
