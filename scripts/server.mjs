// `npm run server`: the headless room (src-main/server/headless.ts) run by plain Node from a bundle, the way
// the app's utility process runs it, so a start compiles no TypeScript: tsx took over a second of the start.
// The bundle lives in dist-server/ and is rebuilt (≈ 0.3 s) only when one of the files it was built from is
// newer than it or gone; then this process runs it, with the command line as it is.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { bundleOptions, packagesExternal, ROOM_ENTRIES } from './node-bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
// HEARTH_SERVER_BUILD_DIR (inside the checkout, so the bundle finds node_modules) lets a test build its own
// without touching the one a person's `npm run server` uses.
const outdir = resolve(root, process.env.HEARTH_SERVER_BUILD_DIR ?? 'dist-server');
const entry = join(outdir, 'src-main', 'server', 'headless.js');
/**
 * {startedAt, inputs}: when the last build began and the files it read, as esbuild's metafile names them
 * (relative to the repository). A file changed after startedAt may not be in the bundle.
 */
const buildFile = join(outdir, 'build.json');

function mtimeOf(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function isCurrent() {
  if (mtimeOf(entry) === null) return false;
  let last;
  try {
    last = JSON.parse(readFileSync(buildFile, 'utf8'));
  } catch {
    return false;
  }
  return last.inputs.every((input) => {
    const changed = mtimeOf(join(root, input));
    return changed !== null && changed < last.startedAt;
  });
}

function writeInPlace(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, contents);
  renameSync(temp, path);
}

async function rebuild() {
  // esbuild is loaded only when there is something to build: most starts need none of it.
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  const result = await build({
    ...bundleOptions(root, outdir),
    entryPoints: ROOM_ENTRIES,
    plugins: [packagesExternal],
    metafile: true,
    write: false,
  });
  // Each file is written beside its place and renamed into it, so a second `npm run server` starting at the
  // same moment never runs half a bundle.
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeInPlace(file.path, file.contents);
  }
  writeInPlace(buildFile, JSON.stringify({ startedAt, inputs: Object.keys(result.metafile.inputs) }));
}

if (!isCurrent()) {
  try {
    await rebuild();
  } catch (error) {
    // A room run as a service user (docs/cluster.md) may not be allowed to write into the checkout.
    console.error(
      `npm run server: could not build the room into ${outdir} (${error.message}).\n` +
        'Run `npm run server -- --help` once as a user who may write there, after every update of the code.',
    );
    process.exit(1);
  }
}
createRequire(import.meta.url)(entry);
