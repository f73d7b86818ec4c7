import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * scripts/checkNode.js, the first step of `npm test`, run with this Node against a copy of the
 * project that names another `node` devDependency, with and without that Node installed.
 */

const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const running = process.versions.node;
const otherMajor = `${Number(running.split('.')[0]) + 1}`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'proabono-check-node-'));
  await mkdir(join(dir, 'scripts'));
  await copyFile(join(projectDir, 'scripts/checkNode.js'), join(dir, 'scripts/checkNode.js'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const withZapierNode = (version: string) =>
  writeFile(join(dir, 'package.json'), JSON.stringify({ devDependencies: { node: version } }));

const check = (projectRoot = dir) => {
  const { status, stdout, stderr } = spawnSync(
    process.execPath,
    [join(projectRoot, 'scripts/checkNode.js')],
    { encoding: 'utf8' },
  );
  return { status, stdout, stderr };
};

it('npm test runs the check first', async () => {
  const pkg = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  expect(pkg.scripts.test?.startsWith('node scripts/checkNode.js && ')).toBe(true);
});

it("passes in silence on the project's own Node", () => {
  expect(check(projectDir)).toEqual({ status: 0, stdout: '', stderr: '' });
});

it('passes in silence on another release of the same major', async () => {
  await withZapierNode(`${running.split('.')[0]}.0.0`);
  expect(check()).toEqual({ status: 0, stdout: '', stderr: '' });
});

it('fails in one line when the project Node was not installed', async () => {
  await withZapierNode(`${otherMajor}.4.1`);
  expect(check()).toEqual({
    status: 1,
    stdout: '',
    stderr:
      `Node ${running} (${process.execPath}) is running, but Zapier runs the app on Node ` +
      `${otherMajor} (the \`node\` devDependency ${otherMajor}.4.1, not installed): run \`npm ci\` ` +
      "with `node` approved in package.json's allowScripts.\n",
  });
});

it('fails in one line when the project Node is installed but another one runs', async () => {
  await withZapierNode(`${otherMajor}.4.1`);
  await mkdir(join(dir, 'node_modules/node/bin'), { recursive: true });
  await writeFile(join(dir, 'node_modules/node/bin/node'), '');
  expect(check()).toEqual({
    status: 1,
    stdout: '',
    stderr:
      `Node ${running} (${process.execPath}) is running, but Zapier runs the app on Node ` +
      `${otherMajor} (the \`node\` devDependency ${otherMajor}.4.1): run the tests with ` +
      '`npm test`, which puts node_modules/.bin first in PATH.\n',
  });
});
