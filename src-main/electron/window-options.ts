// Creates the one BrowserWindow. Its options are a literal here, so both the unit test (through the
// recording Electron fake) and electronegativity's static scan see exactly what Electron receives.
import { BrowserWindow } from 'electron';

export interface MainWindowParams {
  preloadPath: string;
  iconPath: string;
  dark: boolean;
}

export function createMainWindow({ preloadPath, iconPath, dark }: MainWindowParams): BrowserWindow {
  return new BrowserWindow({
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
      // Middle-click would otherwise open links in new windows behind the window-open handler's back.
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  });
}
