// Finds the Electron executable the way the electron package does, without its side effect: requiring
// 'electron' from Node starts a download when the binary is missing, which here would only hang or fail.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MISSING_ELECTRON =
  'Hearth cannot start because the Electron binary is not installed (npm install downloads it, which needs ' +
  'internet access); run `npx install-electron` once you are online, then try again.';

/** The path of the Electron executable, or null when it is not installed. */
export function electronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = readFileSync(pathFile, 'utf8').trim();
  // Same override the electron package honours, for a binary kept outside node_modules.
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(dir, 'dist');
  const binary = join(distDir, executable);
  return existsSync(binary) ? binary : null;
}
