import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import AdmZip from 'adm-zip';

import { packageApp } from '../../scripts/packaging.js';
import { rejectionOf } from '../support/app.js';

/*
 * Packaging when Zapier's online style check cannot be reached: ZAPIER_BASE_ENDPOINT names a
 * loopback port nothing listens on, so the CLI's request fails as it does offline. Small apps of a
 * few lines stand in for ours (artifact.test.ts packages the real one, style check answered).
 */

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

const APP = (extra: string) =>
  "import zapier, { defineApp } from 'zapier-platform-core';\n" +
  `export default defineApp({ version: '1.0.0', platformVersion: zapier.version${extra} });\n`;

let dir: string;
let offline: Record<string, string>;
let endpoint: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proabono-packaging-'));
  await writeFile(join(dir, 'app.js'), APP(''));
  // A create whose key has a space: the schema check refuses it.
  const create =
    "{ key: 'bad key', noun: 'Thing', display: { label: 'Thing', description: 'Creates a thing.' }, " +
    "operation: { perform: { url: 'https://example.com' } } }";
  await writeFile(join(dir, 'invalid.js'), APP(`, creates: { 'bad key': ${create} }`));
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  endpoint = `http://127.0.0.1:${port}`;
  offline = { ZAPIER_BASE_ENDPOINT: endpoint };
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const outDir = (name: string) => join(dir, name);

/** Packages `app` (a file of `dir`) offline into `dir/name`. */
const packageOffline = (
  name: string,
  app: string,
  options: Pick<Parameters<typeof packageApp>[0], 'sourceZip' | 'styleCheck'>,
) =>
  packageApp({ projectDir, outDir: outDir(name), entry: join(dir, app), env: offline, ...options });

/** The message of a failed offline packaging, checked to be the CLI's and to have written nothing. */
const failureOf = async (...args: Parameters<typeof packageOffline>): Promise<string> => {
  const { message } = await rejectionOf(packageOffline(...args));
  expect(message).toMatch(/^zapier-platform build failed:\n/);
  expect(await readdir(dir)).not.toContain(args[0]);
  return message;
};

it('npm run package offline: build.zip and source.zip, and one line saying the style check was skipped', async () => {
  const result = await packageOffline('lenient', 'app.js', { styleCheck: 'if-reachable' });
  expect(result).toEqual({
    buildZip: join(outDir('lenient'), 'build.zip'),
    buildZipBytes: expect.any(Number),
    sourceZip: join(outDir('lenient'), 'source.zip'),
    styleCheckSkipped:
      `Zapier's style check was skipped: ${endpoint} could not be reached. ` +
      '`npm run push` runs it, and fails without it.',
  });
  const entries = new AdmZip(result.buildZip).getEntries().map((entry) => entry.entryName);
  expect(entries).toEqual(
    expect.arrayContaining([
      'definition.json',
      'zapierwrapper.js',
      'dist/index.js',
      'node_modules/zapier-platform-core/src/index.js',
    ]),
  );
  expect(new AdmZip(result.sourceZip).getEntry('package.json')).not.toBeNull();
});

it('npm run push offline: fails, names the style check, writes nothing', async () => {
  const message = await failureOf('required', 'app.js', { styleCheck: 'required' });
  expect(message).toContain('fetch failed');
  expect(
    message.endsWith(
      `\nZapier's style check (online, ${endpoint}) could not be reached: check the connection.`,
    ),
  ).toBe(true);
});

it('offline, the schema check still runs: an invalid app is not packaged', async () => {
  const message = await failureOf('invalid', 'invalid.js', {
    sourceZip: false,
    styleCheck: 'if-reachable',
  });
  expect(message).toContain('We hit some validation errors');
  expect(message).not.toContain('fetch failed');
});
