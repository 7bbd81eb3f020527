// Bundles the Electron main process, the preload and the headless room host into dist-main/ (CommonJS).
// The preload becomes ONE self-contained file: a sandboxed preload can require nothing but 'electron'.
// Usage: node scripts/build-main.mjs [--outdir DIR]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { bundleOptions, packagesExternal, ROOM_ENTRIES } from './node-bundle.mjs';

const root = new URL('..', import.meta.url).pathname;
const outIndex = process.argv.indexOf('--outdir');
const outdir = resolve(root, outIndex > 0 ? process.argv[outIndex + 1] : 'dist-main');

const common = bundleOptions(root, outdir);

// The password worker is its own entry: the room starts it as a worker thread from the file beside the
// bundled host (dist-main/src-main/server/password-worker.js, see src-main/server/password-pool.ts).
const nodeEntries = ['src-main/electron/electron-main.ts', ...ROOM_ENTRIES];
for (const entry of nodeEntries) {
  if (!existsSync(join(root, entry))) {
    console.error(`build-main: ${entry} does not exist yet, so the app cannot be built.`);
    process.exit(1);
  }
}

await Promise.all([
  // Main and host: npm packages stay in node_modules but for those node-bundle.mjs names.
  build({ ...common, entryPoints: nodeEntries, plugins: [packagesExternal], external: ['electron'] }),
  build({ ...common, entryPoints: ['src-main/electron/preload.ts'], external: ['electron'] }),
]);

const preload = readFileSync(join(outdir, 'src-main', 'electron', 'preload.js'), 'utf8');
const required = [...preload.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
const foreign = required.filter((name) => name !== 'electron');
if (foreign.length > 0) {
  console.error(
    `build-main: the sandboxed preload would require ${foreign.join(', ')}; only 'electron' is available.`,
  );
  process.exit(1);
}
console.log(`build-main: wrote ${outdir}`);
