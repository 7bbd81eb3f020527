// The one BrowserWindow's options, kept apart from electron-main so a unit test can assert every
// security-relevant webPreference without starting Electron.
import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowParams {
  preloadPath: string;
  iconPath: string;
  dark: boolean;
}

export function mainWindowOptions({
  preloadPath,
  iconPath,
  dark,
}: MainWindowParams): BrowserWindowConstructorOptions {
  return {
    width: 1100,
    height: 760,
    minWidth: 720,
    minHeight: 520,
    title: 'Hearth',
    icon: iconPath,
    // Shown on ready-to-show, painted in the OS theme's colour, so there is no white flash.
    show: false,
    backgroundColor: dark ? '#1b1d22' : '#f7f5f2',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}
