/*
 * `npm run package`: build/build.zip and build/source.zip, ready for `zapier-platform upload`
 * (`npm run push` does both). Zapier's style check is online, as for any Zapier build: offline,
 * `npm run package` packages without it and says so in one line, and `npm run push`
 * (--require-style-check) fails. The tests point ZAPIER_BASE_ENDPOINT at a loopback stub.
 */
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { packageApp } from './packaging.js';

const usage = `Usage: npm run package -- [--out-dir DIR] [--require-style-check]
  --out-dir DIR          where build.zip and source.zip go (default build/, where upload reads them)
  --require-style-check  fail when Zapier's online style check cannot be reached, instead of
                         packaging without it (npm run push)`;

const { values } = parseArgs({
  options: {
    'out-dir': { type: 'string' },
    'require-style-check': { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}

const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const outDir = resolve(values['out-dir'] ?? resolve(projectDir, 'build'));
const started = performance.now();
try {
  const result = await packageApp({
    projectDir,
    outDir,
    styleCheck: values['require-style-check'] ? 'required' : 'if-reachable',
  });
  if (result.styleCheckSkipped) console.warn(result.styleCheckSkipped);
  const shown = (path: string) => relative(process.cwd(), path) || path;
  console.log(
    `${shown(result.buildZip)} (${(result.buildZipBytes / 2 ** 20).toFixed(2)} MiB) and ` +
      `${shown(result.sourceZip ?? '')} in ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
