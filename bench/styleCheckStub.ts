import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * `zapier-platform build` posts the definition to Zapier's style check, online. The benchmark and
 * the artifact test answer it with "no issues" from loopback (`ZAPIER_BASE_ENDPOINT`), and count
 * the checks asked for; `npm run package` itself keeps Zapier's real check.
 */
export interface StyleCheckStub {
  /** What ZAPIER_BASE_ENDPOINT must be. */
  url: string;
  /** Paths of the requests received, oldest first. */
  received: string[];
  close(): Promise<void>;
}

export const startStyleCheckStub = async (): Promise<StyleCheckStub> => {
  const none = (label: string) => ({ total_failures: 0, display_label: label, results: [] });
  const received: string[] = [];
  const server = createServer((request, response) => {
    received.push(request.url ?? '');
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify({
          passes: [],
          errors: none('Errors'),
          warnings: none('Warnings'),
          suggestions: none('Suggestions'),
        }),
      );
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
};
