// `npm start`: build the renderer and the main process, then open the app with Electron.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { ensureElectronBinary, MISSING_ELECTRON } from './electron-binary.mjs';

const root = new URL('..', import.meta.url).pathname;
const binary = ensureElectronBinary();
if (!binary) {
  console.error(MISSING_ELECTRON);
  process.exit(1);
}

const vite = createRequire(import.meta.url).resolve('vite/bin/vite.js');
for (const args of [[vite, 'build'], ['scripts/build-main.mjs']]) {
  const step = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (step.status !== 0) process.exit(step.status ?? 1);
}

const app = spawn(binary, ['.'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
