// `npm run dev`: the renderer from Vite's dev server with hot reload, the main process built once.
// Main-process changes need a restart of this script; renderer changes apply live.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'vite';
import { ensureElectronBinary, MISSING_ELECTRON } from './electron-binary.mjs';

const root = new URL('..', import.meta.url).pathname;
const binary = ensureElectronBinary();
if (!binary) {
  console.error(MISSING_ELECTRON);
  process.exit(1);
}

const mainBuild = spawnSync(process.execPath, ['scripts/build-main.mjs'], { cwd: root, stdio: 'inherit' });
if (mainBuild.status !== 0) process.exit(mainBuild.status ?? 1);

const server = await createServer({ configFile: `${root}vite.config.ts` });
await server.listen();
const { host, port } = server.config.server;
const url = `http://${typeof host === 'string' ? host : '127.0.0.1'}:${port}`;
console.log(`dev: renderer at ${url}`);

// HEARTH_DEV_SERVER_URL is honoured only by an unpackaged app, and only for a loopback http URL.
const app = spawn(binary, ['.'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, HEARTH_DEV_SERVER_URL: url },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', async (code) => {
  await server.close();
  process.exit(code ?? 0);
});
