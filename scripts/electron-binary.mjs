// Finds the Electron executable, downloading it on first use the way the electron package does, and
// turns a failed download into one sentence instead of @electron/get's stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MISSING_ELECTRON =
  'Hearth cannot start because the Electron binary is not installed and could not be downloaded ' +
  '(the first run needs internet access); connect and run the same command again.';

function packageDir() {
  try {
    return dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/** The path of the Electron executable, or null when it is not installed. */
function installedBinary(dir) {
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  // Same override the electron package honours, for a binary kept outside node_modules.
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const binary = join(distDir, executable);
  return existsSync(binary) ? binary : null;
}

/** The Electron executable, downloaded first if needed (electron's own installer); null if that fails. */
export function ensureElectronBinary() {
  const dir = packageDir();
  if (!dir) return null;
  const found = installedBinary(dir);
  if (found) return found;
  console.log('Downloading Electron for the first run...');
  const install = spawnSync(process.execPath, [join(dir, 'install.js')], {
    stdio: 'ignore',
    timeout: 15 * 60_000,
  });
  return install.status === 0 ? installedBinary(dir) : null;
}
