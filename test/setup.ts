import nock from 'nock';

// Unit tests never leave the machine; integration tests talk to the sandbox on loopback only.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});
