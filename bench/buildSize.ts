import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * `zapier-platform build` posts the definition to Zapier's style check, which cannot be reached
 * from here. Inside the benchmark only, a loopback server answers it with "no issues".
 */
const startStyleCheckStub = async () => {
  const none = (label: string) => ({ total_failures: 0, display_label: label, results: [] });
  const server = createServer((request, response) => {
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
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
};

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * Builds a copy of a project with production dependencies only (what Zapier's own build installs)
 * and answers the size of `build/build.zip` in bytes.
 */
const buildZipSize = async (
  projectDir: string,
  prepare: (dir: string, pkg: PackageJson) => Promise<PackageJson>,
  styleCheckUrl: string,
): Promise<number> => {
  const dir = await mkdtemp(join(tmpdir(), 'proabono-build-'));
  try {
    const pkg = JSON.parse(await readFile(join(projectDir, 'package.json'), 'utf8')) as PackageJson;
    const prepared = await prepare(dir, pkg);
    // The copy ships a prebuilt dist/: its production install has no TypeScript to rebuild it.
    delete prepared.devDependencies;
    prepared.scripts = {};
    await writeFile(join(dir, 'package.json'), JSON.stringify(prepared, null, 2));
    await cp(join(projectDir, 'package-lock.json'), join(dir, 'package-lock.json'));
    await cp(join(projectDir, '.zapierapprc'), join(dir, '.zapierapprc'));
    const binDir = resolve(projectDir, 'node_modules/.bin');
    const env = {
      ...process.env,
      PATH: `${binDir}:${process.env.PATH ?? ''}`,
      DISABLE_ZAPIER_ANALYTICS: '1',
      ZAPIER_BASE_ENDPOINT: styleCheckUrl,
    };
    await run(
      'npm',
      ['install', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      {
        cwd: dir,
        env,
      },
    );
    await run(join(binDir, 'zapier-platform'), ['build', '--skip-dep-install'], {
      cwd: dir,
      env,
      maxBuffer: 1 << 24,
    });
    return (await stat(join(dir, 'build/build.zip'))).size;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export interface BuildSize {
  appBytes: number;
  bareCoreBytes: number;
  ratio: number;
}

export const measureBuildSize = async (projectDir: string): Promise<BuildSize> => {
  const stub = await startStyleCheckStub();
  try {
    const appBytes = await buildZipSize(
      projectDir,
      async (dir, pkg) => {
        await cp(join(projectDir, 'dist'), join(dir, 'dist'), { recursive: true });
        return pkg;
      },
      stub.url,
    );
    const bareCoreBytes = await buildZipSize(
      projectDir,
      async (dir, pkg) => {
        await writeFile(
          join(dir, 'index.js'),
          "import zapier, { defineApp } from 'zapier-platform-core';\n" +
            "export default defineApp({ version: '1.0.0', platformVersion: zapier.version });\n",
        );
        return {
          name: 'bare-core',
          version: '1.0.0',
          private: true,
          type: 'module',
          exports: './index.js',
          dependencies: {
            'zapier-platform-core': pkg.dependencies?.['zapier-platform-core'] ?? '19.1.0',
          },
        };
      },
      stub.url,
    );
    return { appBytes, bareCoreBytes, ratio: appBytes / bareCoreBytes };
  } finally {
    await stub.close();
  }
};
