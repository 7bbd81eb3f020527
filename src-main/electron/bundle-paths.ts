// Where electron-main finds the other bundled entry points at run time. scripts/build-main.mjs keeps the
// source layout under dist-main/, so these mirror src-main/: the preload beside electron-main in electron/,
// the room's headless entry in server/. build-main.test.ts checks them against a real build.
import { join } from 'node:path';

export interface BundlePaths {
  preload: string;
  roomEntry: string;
}

/** mainDir: the directory of the running electron-main bundle (its __dirname). */
export function bundlePaths(mainDir: string): BundlePaths {
  return {
    preload: join(mainDir, 'preload.js'),
    roomEntry: join(mainDir, '..', 'server', 'headless.js'),
  };
}
