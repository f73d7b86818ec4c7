/*
 * The first thing `npm test` runs: the tests mean something only on the Node major Zapier runs
 * the app on, which is the `node` devDependency's. npm scripts find that Node in node_modules/.bin
 * before the system's; it is missing when its install script did not run (npm 12 runs only the
 * scripts package.json's allowScripts approves), and then the system's Node runs everything.
 * Plain JavaScript, no import of the project: it must run, and say so, on any Node.
 */
import { existsSync, readFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

const projectDir = new URL('../', import.meta.url);
const zapierNode = JSON.parse(readFileSync(new URL('package.json', projectDir), 'utf8'))
  .devDependencies.node;
const major = (version) => version.split('.')[0];

if (major(process.versions.node) !== major(zapierNode)) {
  const running = `Node ${process.versions.node} (${process.execPath}) is running`;
  const wanted = `Zapier runs the app on Node ${major(zapierNode)} (the \`node\` devDependency ${zapierNode}`;
  const fix = existsSync(new URL('node_modules/node/bin/node', projectDir))
    ? `${wanted}): run the tests with \`npm test\`, which puts node_modules/.bin first in PATH`
    : `${wanted}, not installed): run \`npm ci\` with \`node\` approved in package.json's allowScripts`;
  process.stderr.write(`${running}, but ${fix}.\n`);
  process.exit(1);
}
