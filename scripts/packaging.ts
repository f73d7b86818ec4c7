import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';

import * as esbuild from 'esbuild';

const run = promisify(execFile);

/*
 * What `npm run package` does, for the npm script and the benchmark. `zapier-platform build` copies
 * the whole project, node_modules and its devDependencies included (the CLI and a Node binary
 * package, about 40,000 files), into a temporary folder and dies with EMFILE on it
 * (zapier/zapier-platform#820). Here the app is bundled into a small staging folder outside the
 * project holding only what the app needs at run time, and the CLI's own build runs there with
 * `--skip-dep-install`: its definition check, Zapier's style check, its dependency detection and
 * its test of the zip are the ones every Zapier build goes through. Only the style check is online;
 * `styleCheck` says whether packaging may go on without it when Zapier cannot be reached.
 */

/**
 * Modules only the steps that write an address use (Update Customer Billing Address), with their
 * libraries: phone metadata, VAT rules, the ISO 3166-2 table and country names in four languages;
 * and the English country name a record with an address carries (its own small file, so that a
 * search or a trigger does not load the four languages). Importing them costs about as much as
 * importing everything else, and a Lambda imports the app before the first step it runs,
 * whichever step that is, so the bundle loads each on first use instead (see `firstUse`). Such a
 * module must not share state with the rest of the app: it runs from its own file, with its own
 * copy of what it imports.
 */
const LOAD_ON_FIRST_USE = [
  'src/mappers/phone.ts',
  'src/mappers/region.ts',
  'src/mappers/vat.ts',
  'src/mappers/country.ts',
  'src/mappers/countryName.ts',
  'src/mappers/language.ts',
];

/**
 * Library data the app reads only part of: export name and the fields of its entries that are
 * kept. Only ISO 3166-2 codes are read (src/mappers/region.ts), not the names of 5,000
 * subdivisions. A field left out here reads as `undefined` in the package, so a change that reads
 * another field must add it.
 */
const TRIMMED_TABLES: Record<string, Record<string, string[]>> = {
  'iso-3166': { iso31662: ['code'] },
};

interface PackageOptions {
  /** The project: its package.json, package-lock.json, node_modules and .zapierapprc. */
  projectDir: string;
  /** Where build.zip and source.zip are written. */
  outDir: string;
  /** The app's entry module, relative to projectDir or absolute. Default `index.ts`. */
  entry?: string;
  /**
   * `bundle` (the default) is what `npm run package` ships. `tsc` zips the compiled `dist/` (from
   * `npm run build`) with every production dependency, as `zapier-platform build` would: the
   * benchmark's reference for what the bundle saves.
   */
  mode?: 'bundle' | 'tsc';
  /** Also write source.zip (default true). */
  sourceZip?: boolean;
  /** Added to the CLI's environment: the tests point ZAPIER_BASE_ENDPOINT at a loopback stub. */
  env?: Record<string, string>;
  /**
   * Zapier's style check is online. `required` (the default, and `npm run push`, which uploads
   * anyway) fails when Zapier cannot be reached; `if-reachable` (`npm run package`) then packages
   * without it and says so in `styleCheckSkipped`.
   */
  styleCheck?: 'required' | 'if-reachable';
}

interface PackageResult {
  buildZip: string;
  buildZipBytes: number;
  sourceZip?: string;
  /** One line saying that Zapier's style check was skipped and why; absent when it ran. */
  styleCheckSkipped?: string;
}

interface PackageJson {
  name: string;
  version: string;
  description?: string;
  engines?: Record<string, string>;
  dependencies?: Record<string, string>;
}

interface LockEntry {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

const readJson = async <T>(path: string): Promise<T> =>
  JSON.parse(await readFile(path, 'utf8')) as T;

/**
 * The installed packages that `roots` need at run time, as package-lock.json paths
 * (`node_modules/a/node_modules/b`), resolved the way Node resolves them. Read from the lockfile
 * `npm ci` installed, so nothing is downloaded again.
 */
const closureOf = (packages: Record<string, LockEntry>, roots: string[]): string[] => {
  const find = (from: string, name: string): string | undefined => {
    for (let dir = from; ;) {
      const candidate = `${dir === '' ? '' : `${dir}/`}node_modules/${name}`;
      if (candidate in packages) return candidate;
      if (dir === '') return undefined;
      const parent = dir.lastIndexOf('/node_modules/');
      dir = parent < 0 ? '' : dir.slice(0, parent);
    }
  };
  const found = new Set<string>();
  const visit = (from: string, name: string, required: boolean) => {
    const path = find(from, name);
    if (path === undefined) {
      if (required)
        throw new Error(`${name} (needed by ${from || 'the app'}) is not installed: run npm ci.`);
      return;
    }
    if (found.has(path)) return;
    found.add(path);
    const entry = packages[path] ?? {};
    const optionalPeers = Object.entries(entry.peerDependenciesMeta ?? {})
      .filter(([, meta]) => meta.optional === true)
      .map(([name]) => name);
    for (const name of Object.keys({ ...entry.dependencies, ...entry.peerDependencies })) {
      if (!optionalPeers.includes(name)) visit(path, name, true);
    }
    // A production install leaves out optional peers (another package's devDependency may have
    // installed one here); an optional dependency it could not install is not needed either.
    for (const name of Object.keys(entry.optionalDependencies ?? {})) visit(path, name, false);
  };
  for (const root of roots) visit('', root, true);
  return [...found].sort();
};

const copyPackages = async (projectDir: string, stageDir: string, paths: string[]) => {
  // One package at a time: a machine limited to 1,024 open files must be able to package.
  for (const path of paths) {
    const from = join(projectDir, path);
    await cp(from, join(stageDir, path), {
      recursive: true,
      // Nested node_modules are packages of their own, copied only when needed.
      filter: (source) => !source.slice(from.length).split(sep).includes('node_modules'),
    });
  }
};

/** zod registers every locale it has; the app's messages are its own, zod's default is English. */
const zodEnglishOnly: esbuild.Plugin = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /[/\\]locales[/\\]index\.js$/ }, (args) =>
      args.importer.includes(`${sep}zod${sep}`)
        ? { path: resolve(args.resolveDir, args.path), namespace: 'zod-locales' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: "export { default as en } from './en.js';",
      resolveDir: dirname(args.path),
    }));
  },
};

/** Where esbuild would resolve an import without the plugin, which `tag` keeps out of the way. */
const resolveAsUsual = (build: esbuild.PluginBuild, args: esbuild.OnResolveArgs, tag: string) =>
  build.resolve(args.path, {
    kind: args.kind,
    importer: args.importer,
    resolveDir: args.resolveDir,
    pluginData: tag,
  });

const jsonExport = (name: string, value: unknown) =>
  `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(value))});`;

/** The library as the app would import it, reduced to the exports and fields TRIMMED_TABLES keeps. */
const trimmedTables: esbuild.Plugin = {
  name: 'trimmed-tables',
  setup(build) {
    const names = Object.keys(TRIMMED_TABLES).map(escapeRegExp);
    build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, async (args) => {
      if (args.pluginData === 'trimmed-tables') return undefined;
      const resolved = await resolveAsUsual(build, args, 'trimmed-tables');
      return { path: resolved.path, namespace: 'trimmed-table', pluginData: args.path };
    });
    build.onLoad({ filter: /.*/, namespace: 'trimmed-table' }, async (args) => {
      const library = (await import(pathToFileURL(args.path).href)) as Record<
        string,
        Record<string, unknown>[]
      >;
      const kept = TRIMMED_TABLES[args.pluginData as string] ?? {};
      const exports = Object.entries(kept).map(([name, fields]) =>
        jsonExport(
          name,
          (library[name] ?? []).map((entry) =>
            Object.fromEntries(fields.map((field) => [field, entry[field]])),
          ),
        ),
      );
      return { contents: exports.join('\n') };
    });
  },
};

/**
 * Bundles each LOAD_ON_FIRST_USE module the app imports into a CommonJS file of its own, and gives
 * the rest of the bundle a stand-in: its functions `require` that file on their first call (in
 * the same tick, so the app's synchronous code stays synchronous) and its data exports are the
 * values the module computed at build time, such as the country dropdown. A file that is never
 * imported is never parsed.
 */
const firstUse = (
  projectDir: string,
  distDir: string,
  shared: esbuild.BuildOptions,
  written: string[],
): esbuild.Plugin => {
  const lazy = new Set(LOAD_ON_FIRST_USE.map((file) => join(projectDir, file)));
  const load = createRequire(join(distDir, 'index.js'));
  return {
    name: 'first-use',
    setup(build) {
      build.onResolve({ filter: /^\./ }, async (args) => {
        if (args.pluginData === 'first-use') return undefined;
        const resolved = await resolveAsUsual(build, args, 'first-use');
        return lazy.has(resolved.path)
          ? { path: resolved.path, namespace: 'first-use' }
          : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'first-use' }, async (args) => {
        const file = `./lazy/${basename(args.path, '.ts')}.cjs`;
        await esbuild.build({
          ...shared,
          entryPoints: [args.path],
          outfile: join(distDir, file),
          format: 'cjs',
        });
        written.push(join(distDir, file));
        const module = load(file) as Record<string, unknown>;
        const lines = [
          "import { createRequire } from 'node:module';",
          'let loaded;',
          `const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(file)}));`,
        ];
        for (const [name, value] of Object.entries(module)) {
          if (typeof value === 'function') {
            lines.push(`export const ${name} = (...args) => load().${name}(...args);`);
          } else if (
            isDeepStrictEqual(JSON.parse(JSON.stringify(value ?? null)) as unknown, value)
          ) {
            lines.push(jsonExport(name, value));
          } else {
            throw new Error(
              `${args.path} exports ${name}, which is neither a function nor JSON data: the ` +
                'module cannot be loaded on first use. Remove it from LOAD_ON_FIRST_USE.',
            );
          }
        }
        return { contents: lines.join('\n'), resolveDir: dirname(args.path) };
      });
    },
  };
};

/** Bundles the app into `distDir`; answers the files it loads on first use. */
const bundle = async (projectDir: string, entry: string, distDir: string): Promise<string[]> => {
  const shared: esbuild.BuildOptions = {
    absWorkingDir: projectDir,
    bundle: true,
    platform: 'node',
    // Zapier runs apps on zapier-platform-core 18 and later on Node.js 22.
    target: 'node22',
    // Core is the runtime Zapier's Lambda wrapper imports by name: it stays a package.
    external: ['zapier-platform-core'],
    // Names too: 2 % of build.zip. Keeping them (keepNames) costs 4 % more cold-start memory, and
    // a minified bundle's stack traces point into one long line anyway.
    minify: true,
    logLevel: 'warning',
    plugins: [zodEnglishOnly, trimmedTables],
  };
  const written: string[] = [];
  await esbuild.build({
    ...shared,
    entryPoints: [{ in: resolve(projectDir, entry), out: 'index' }],
    outdir: distDir,
    format: 'esm',
    plugins: [...(shared.plugins ?? []), firstUse(projectDir, distDir, shared, written)],
  });
  return written;
};

/**
 * Every file, relative to `dir` with `/`, that `files` load at run time, found as the CLI finds
 * what zapierwrapper.js loads (esbuild, same conditions). The CLI's scan starts from the wrapper
 * and cannot see the first-use files, nor the CommonJS entry of zapier-platform-core they require.
 */
const filesRequiredBy = async (dir: string, files: string[]): Promise<string[]> => {
  if (files.length === 0) return [];
  const { metafile } = await esbuild.build({
    entryPoints: files,
    absWorkingDir: dir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    conditions: [],
    // As the CLI: core resolves its own test app only under test.
    external: ['../test/userapp'],
    logOverride: { 'require-resolve-not-external': 'silent' },
    outdir: 'scan',
    write: false,
    metafile: true,
    logLevel: 'warning',
  });
  return Object.keys(metafile.inputs);
};

/**
 * The project's `source.zip` exactly as `zapier-platform build` makes it (every file .gitignore
 * does not exclude), with the CLI's own function: walking the project opens one file at a time.
 */
const makeSourceZip = async (projectDir: string, zipPath: string) => {
  const cli = createRequire(join(projectDir, 'package.json'))(
    'zapier-platform-cli/src/utils/build.js',
  ) as { makeSourceZip(dir: string, zipPath: string): Promise<void> };
  await cli.makeSourceZip(projectDir, zipPath);
};

/** Builds build.zip (and source.zip) for the app of `projectDir` into `outDir`. */
export const packageApp = async (options: PackageOptions): Promise<PackageResult> => {
  const { projectDir, outDir, entry = 'index.ts', mode = 'bundle', sourceZip = true } = options;
  const { styleCheck = 'required' } = options;
  const pkg = await readJson<PackageJson>(join(projectDir, 'package.json'));
  const lock = await readJson<{ packages: Record<string, LockEntry> }>(
    join(projectDir, 'package-lock.json'),
  );
  const stageDir = await mkdtemp(join(tmpdir(), 'proabono-package-'));
  try {
    const dependencies =
      mode === 'bundle' ? ['zapier-platform-core'] : Object.keys(pkg.dependencies ?? {});
    await copyPackages(projectDir, stageDir, closureOf(lock.packages, dependencies));
    const manifest = {
      name: pkg.name,
      version: pkg.version,
      description: pkg.description,
      private: true,
      type: 'module',
      exports: './dist/index.js',
      engines: pkg.engines,
      dependencies: Object.fromEntries(
        dependencies.map((name) => [name, pkg.dependencies?.[name] ?? '*']),
      ),
    };
    await writeFile(join(stageDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // The CLI also zips the staging folder as a source.zip; it is replaced by the project's below.
    await writeFile(join(stageDir, '.gitignore'), 'node_modules/\n');

    const distDir = join(stageDir, 'dist');
    let firstUseFiles: string[] = [];
    if (mode === 'bundle') firstUseFiles = await bundle(projectDir, entry, distDir);
    else await cp(join(projectDir, 'dist'), distDir, { recursive: true });

    // `register` writes the app's id there; the project's own includeInBuild patterns carry over.
    const appConfig: { includeInBuild?: string[] } = await readJson<{ includeInBuild?: string[] }>(
      join(projectDir, '.zapierapprc'),
    ).catch(() => ({}));
    const includeInBuild = [
      ...(appConfig.includeInBuild ?? []),
      ...(await filesRequiredBy(stageDir, firstUseFiles)).map(
        (file) => `${escapeRegExp(`${sep}${file.split('/').join(sep)}`)}$`,
      ),
    ];
    await writeFile(
      join(stageDir, '.zapierapprc'),
      JSON.stringify({ ...appConfig, includeInBuild }),
    );

    const binDir = join(projectDir, 'node_modules', '.bin');
    const env = { ...process.env };
    // A parent's jest or test settings must not leak into the CLI or the app it loads.
    delete env.NODE_OPTIONS;
    delete env.NODE_ENV;
    const cliEnv: NodeJS.ProcessEnv = {
      ...env,
      // The CLI needs Node 22: the project's own (devDependency `node`) comes first.
      PATH: `${binDir}${delimiter}${env.PATH ?? ''}`,
      DISABLE_ZAPIER_ANALYTICS: '1',
      NO_UPDATE_NOTIFIER: '1',
      ...options.env,
    };
    const build = (...flags: string[]) =>
      run(join(binDir, 'zapier-platform'), ['build', '--skip-dep-install', ...flags], {
        cwd: stageDir,
        env: cliEnv,
        maxBuffer: 1 << 24,
      });
    const outputOf = (error: unknown) => {
      const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
      return stdout + stderr;
    };
    const failed = (error: unknown, hint = '') =>
      new Error(`zapier-platform build failed:\n${outputOf(error)}${hint}`, { cause: error });
    let styleCheckSkipped: string | undefined;
    try {
      await build();
    } catch (error) {
      // Node's fetch fails with "fetch failed" when no answer came (DNS, connection, TLS); the
      // only request of a build with --skip-dep-install and analytics off is the style check.
      if (!/fetch failed/.test(outputOf(error))) throw failed(error);
      const endpoint = cliEnv.ZAPIER_BASE_ENDPOINT ?? 'https://zapier.com';
      if (styleCheck === 'required') {
        throw failed(
          error,
          `\nZapier's style check (online, ${endpoint}) could not be reached: check the connection.`,
        );
      }
      // The CLI checks the definition against the schema, locally, before it asks Zapier for the
      // style check: only the style check is left out of this second build.
      await build('--skip-validation').catch((retry: unknown) => {
        throw failed(retry);
      });
      styleCheckSkipped =
        `Zapier's style check was skipped: ${endpoint} could not be reached. ` +
        '`npm run push` runs it, and fails without it.';
    }

    await mkdir(outDir, { recursive: true });
    const buildZip = join(outDir, 'build.zip');
    await cp(join(stageDir, 'build', 'build.zip'), buildZip);
    const result: PackageResult = { buildZip, buildZipBytes: (await stat(buildZip)).size };
    if (styleCheckSkipped) result.styleCheckSkipped = styleCheckSkipped;
    if (sourceZip) {
      result.sourceZip = join(outDir, 'source.zip');
      await makeSourceZip(projectDir, result.sourceZip);
    }
    return result;
  } finally {
    await rm(stageDir, { recursive: true, force: true });
  }
};
