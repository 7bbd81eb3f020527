import type { HearthApi } from '../src-shared/ipc';

declare global {
  interface Window {
    /** Exposed by the preload script (or the end-to-end bridge); the renderer's only way to the main process. */
    readonly hearth: HearthApi;
  }
}
