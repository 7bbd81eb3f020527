// How the Node-side entry points are bundled, shared by `npm run build:main` (scripts/build-main.mjs, the app)
// and `npm run server` (scripts/server.mjs, the headless room): CommonJS for Node 22 (what Electron 45
// ships), the source layout kept under the output directory.
export const bundleOptions = (root, outdir) => ({
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  outbase: '.',
  outdir,
  sourcemap: 'linked',
  logLevel: 'warning',
});

// npm packages stay in node_modules (better-sqlite3 is native and is unpacked from asar), except these two.
// zod: loaded from node_modules, its CommonJS build resolves, reads and compiles some 120 files (every locale
// among them) on every start, a quarter of the room's start-up; bundled, it is part of one file's parse.
// turn-server (the calls relay) is an ES module only: importing it from node_modules starts Node's ESM
// loader, ≈ 100 ms; bundled, it is CommonJS like the rest.
const BUNDLED_PACKAGES = new Set(['zod', 'turn-server']);

const packageName = (path) => path.split('/', path.startsWith('@') ? 2 : 1).join('/');

export const packagesExternal = {
  name: 'packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { path: args.path, external: true },
    );
  },
};

/** The room's entries: the headless host and the password worker it starts from the file beside it. */
export const ROOM_ENTRIES = ['src-main/server/headless.ts', 'src-main/server/password-worker.ts'];
