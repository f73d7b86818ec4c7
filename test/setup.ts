import nock from 'nock';

// Unit tests never leave the machine; integration tests talk to the sandbox on loopback only.
nock.disableNetConnect();
nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);

afterEach(() => {
  nock.cleanAll();
});

// Every test file loads its own copy of nock, but they all patch the one `http` module of the worker:
// unpatch at the end of each file, or the next file's requests go past its interceptors.
afterAll(() => {
  nock.restore();
});
