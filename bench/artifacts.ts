import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { unzipBuild } from '../sandbox/zapier/zapierRuntime.js';
import { packageApp } from '../scripts/packaging.js';
import { startStyleCheckStub } from './styleCheckStub.js';

/*
 * The builds the cold-start and size figures compare, each packaged by `npm run package`'s own code
 * (Zapier's style check answered on loopback) and unzipped under the OS temp folder, as Lambda
 * deploys them:
 * - the app, as `npm run package` ships it;
 * - a bare-core app (zapier-platform-core and an empty definition) packaged the same way, whose
 *   unzipped copy sits inside the app's folder and shares its node_modules, so that both import
 *   the very same core files;
 * - the reference: the tsc output with every production dependency, which is what
 *   `zapier-platform build` would zip (the app before bundling).
 */

export interface BuildSize {
  appBytes: number;
  bareCoreBytes: number;
  referenceBytes: number;
  /** app / bare core */
  ratio: number;
}

export interface Artifacts {
  /** Folders holding an unzipped build (each with its zapierwrapper.js). */
  app: string;
  bareCore: string;
  reference: string;
  sizes: BuildSize;
  close(): Promise<void>;
}

const BARE_CORE_APP =
  "import zapier, { defineApp } from 'zapier-platform-core';\n" +
  "export default defineApp({ version: '1.0.0', platformVersion: zapier.version });\n";

/** Needs `npm run build` done (the reference zips dist/). */
export const buildArtifacts = async (projectDir: string): Promise<Artifacts> => {
  const dir = await mkdtemp(join(tmpdir(), 'proabono-bench-'));
  const stub = await startStyleCheckStub();
  try {
    const env = { ZAPIER_BASE_ENDPOINT: stub.url };
    const bareEntry = join(dir, 'bare-core.js');
    await writeFile(bareEntry, BARE_CORE_APP);
    const app = await packageApp({
      projectDir,
      outDir: join(dir, 'app-zip'),
      sourceZip: false,
      env,
    });
    const bare = await packageApp({
      projectDir,
      outDir: join(dir, 'bare-zip'),
      entry: bareEntry,
      sourceZip: false,
      env,
    });
    const reference = await packageApp({
      projectDir,
      outDir: join(dir, 'reference-zip'),
      mode: 'tsc',
      sourceZip: false,
      env,
    });

    const appDir = join(dir, 'app');
    unzipBuild(app.buildZip, appDir);
    const bareUnzipped = join(dir, 'bare');
    unzipBuild(bare.buildZip, bareUnzipped);
    const bareCore = join(appDir, 'bare-core');
    for (const name of ['package.json', 'zapierwrapper.js', 'dist']) {
      await cp(join(bareUnzipped, name), join(bareCore, name), { recursive: true });
    }
    const referenceDir = join(dir, 'reference');
    unzipBuild(reference.buildZip, referenceDir);

    return {
      app: appDir,
      bareCore,
      reference: referenceDir,
      sizes: {
        appBytes: app.buildZipBytes,
        bareCoreBytes: bare.buildZipBytes,
        referenceBytes: reference.buildZipBytes,
        ratio: app.buildZipBytes / bare.buildZipBytes,
      },
      close: () => rm(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    await stub.close();
  }
};
