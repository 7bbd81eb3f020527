// The desktop shell's part of saving files (src-main/service/file-saving.ts SaveHooks): the system's save
// dialog, which suggests the already sanitised name in the Downloads folder (the user picks the real place),
// and "show in folder", which selects the saved file in the file manager without opening it.
import { join } from 'node:path';
import { app, type BrowserWindow, dialog, shell } from 'electron';
import type { SaveHooks } from '../service/file-service';

export function fileDialogs(window: () => BrowserWindow | null): SaveHooks {
  return {
    async chooseSavePath(suggestedName) {
      const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
      const parent = window();
      const chosen = parent
        ? await dialog.showSaveDialog(parent, options)
        : await dialog.showSaveDialog(options);
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    },
    showInFolder(path) {
      shell.showItemInFolder(path);
    },
  };
}
