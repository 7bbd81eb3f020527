// The Electron main process: one hardened window over the plain-Node HearthService. Everything here is
// wiring; the decisions live in security.ts, window-options.ts, app-protocol.ts and ipc.ts.
import { join, resolve } from 'node:path';
import {
  app,
  type BrowserWindow,
  dialog,
  nativeTheme,
  protocol,
  session,
  shell,
  type WebContents,
} from 'electron';
import { findInviteArg, INVITE_SCHEME } from '../../src-shared/invite';
import { HearthService } from '../service/hearth-service';
import type { HostLauncher } from '../service/host-launcher';
import { NodeHostLauncher } from '../service/node-host-launcher';
import { createAppProtocolHandler } from './app-protocol';
import { bundlePaths } from './bundle-paths';
import { fileDialogs } from './file-dialogs';
import { wireIpc } from './ipc';
import { createNotifier } from './notifications';
import { displayMediaHandler } from './screen-share';
import { SafeStorageSecretStore } from './secret-store';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME,
  contentSecurityPolicy,
  devServerUrl,
  isAllowedExternalUrl,
  isNavigationAllowed,
  isPermissionGranted,
  type MediaAsk,
  mayUseMedia,
} from './security';
import { HearthTray } from './tray';
import { UtilityHostLauncher } from './utility-host-launcher';
import { createMainWindow } from './window-options';

// Before 'ready': app:// gets a real, secure origin (module scripts, fetch of our own assets).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);

const devOrigin = devServerUrl(process.env, app.isPackaged);
const trustedOrigin = devOrigin ?? APP_ORIGIN;
const csp = contentSecurityPolicy(devOrigin);
const appRoot = app.getAppPath();
const bundle = bundlePaths(__dirname);
const iconPath = (size: number) => join(appRoot, 'assets', 'icons', `${size}x${size}.png`);

let mainWindow: BrowserWindow | null = null;
let service: HearthService | null = null;
let tray: HearthTray | null = null;
let quitting = false;
/** The user is in a call they started or accepted: the renderer may have the camera and microphone. */
let inCall = false;
/** An invite link that arrived before the service was ready (macOS delivers it that early). */
let pendingInvite: string | null = null;
/** Set from the preferences once the service exists; only the first window starts hidden. */
let startHidden = false;

async function openExternalUrl(url: string): Promise<void> {
  if (!isAllowedExternalUrl(url)) throw new Error('Only web links (http or https) can be opened.');
  await shell.openExternal(url);
}

/** Applied to every WebContents the app ever creates, not only the main window's. */
function guardContents(contents: WebContents): void {
  // A link the user follows (will-navigate) may open in the browser; a redirect is only refused.
  contents.on('will-navigate', (event, url) => {
    if (isNavigationAllowed(url, trustedOrigin)) return;
    event.preventDefault();
    if (isAllowedExternalUrl(url)) openExternalUrl(url).catch(() => {});
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, trustedOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) openExternalUrl(url).catch(() => {});
    return { action: 'deny' };
  });
}

function showWindow(): void {
  if (!mainWindow) {
    if (service) createWindow(service);
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/**
 * A `hearth://` link the operating system handed us. The service parses it strictly and only ever uses
 * it as an address, a fingerprint to pin and a name; a refusal is shown as a plain message box.
 */
function openInvite(link: string): void {
  showWindow();
  const hearth = service;
  if (!hearth) {
    pendingInvite = link;
    return;
  }
  hearth
    .openInvite(link)
    .then((result) => {
      if (!result.ok) dialog.showErrorBox('This invite link could not be opened', result.error);
    })
    .catch(() => {});
}

function createWindow(hearth: HearthService): void {
  const window = createMainWindow({
    preloadPath: bundle.preload,
    iconPath: iconPath(512),
    dark: nativeTheme.shouldUseDarkColors,
  });
  mainWindow = window;
  // "Start in the tray" applies to the app's start only; a window opened later from the tray shows.
  const hidden = startHidden;
  startHidden = false;
  window.once('ready-to-show', () => {
    if (!hidden) window.show();
  });
  window.on('focus', () => {
    hearth.setWindowFocused(true);
    window.flashFrame(false);
  });
  window.on('blur', () => hearth.setWindowFocused(false));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
    hearth.setWindowFocused(false);
  });
  window.loadURL(devOrigin ? `${devOrigin}/` : APP_ENTRY_URL).catch(fatal);
}

function showUnread(total: number): void {
  tray?.setUnread(total);
  if (!mainWindow) return;
  mainWindow.setTitle(total > 0 ? `Hearth (${total})` : 'Hearth');
  if (total > 0 && !mainWindow.isFocused()) mainWindow.flashFrame(true);
}

/**
 * Packaged apps run the room in a utility process (electron-builder rebuilt better-sqlite3 for Electron).
 * `npm start`/`npm run dev` run from a checkout whose better-sqlite3 is built for the Node that ran npm,
 * so there the room runs on that Node.
 */
function roomLauncher(entry: string): HostLauncher {
  const nodePath = process.env.npm_node_execpath;
  if (app.isPackaged || !nodePath) return new UtilityHostLauncher(entry);
  return new NodeHostLauncher({ compiled: { entry, nodePath } });
}

async function onReady(): Promise<void> {
  const ses = session.defaultSession;
  // The renderer needs no browser permission (geolocation, notifications come from main), but for the camera,
  // microphone and screen capture while the user is in a call they started or accepted (security.ts
  // mayUseMedia); which screen or window, the user picks (screen-share.ts).
  const granted = (permission: string, ask: MediaAsk | undefined) =>
    isPermissionGranted(permission) ||
    ((permission === 'media' || permission === 'display-capture') && mayUseMedia(ask, trustedOrigin, inCall));
  ses.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(granted(permission, details as MediaAsk)),
  );
  ses.setPermissionCheckHandler((_contents, permission, origin) =>
    granted(permission, { securityOrigin: origin }),
  );
  ses.setDisplayMediaRequestHandler(
    displayMediaHandler({ trustedOrigin, inCall: () => inCall, window: () => mainWindow }),
  );
  if (devOrigin) {
    ses.webRequest.onHeadersReceived({ urls: [`${devOrigin}/*`] }, (details, callback) =>
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } }),
    );
  } else {
    protocol.handle(APP_SCHEME, createAppProtocolHandler(join(appRoot, 'dist-renderer'), csp));
  }

  const hearth = new HearthService({
    dataDir: app.getPath('userData'),
    hostLauncher: roomLauncher(bundle.roomEntry),
    openExternal: openExternalUrl,
    notify: createNotifier(iconPath(256), (clicked) => {
      showWindow();
      service?.notificationClicked(clicked);
    }),
    // Session tokens ("remember me") go to the OS keychain through safeStorage, never to a plain file.
    secrets: new SafeStorageSecretStore(app.getPath('userData')),
    // Rooms nearby over mDNS on every interface; "Open to the Internet" through the home router.
    reach: { lan: {}, portMapping: {} },
    files: fileDialogs(() => mainWindow),
    callMedia: (on) => {
      inCall = on;
    },
  });
  service = hearth;
  startHidden = hearth.preferences().startMinimised;
  wireIpc(hearth, { trustedOrigin, target: () => mainWindow?.webContents ?? null });
  hearth.on('unread', ({ total }) => showUnread(total));
  tray = new HearthTray(iconPath(32), { show: showWindow, quit: () => app.quit() });
  createWindow(hearth);
  const invite = pendingInvite ?? findInviteArg(process.argv);
  pendingInvite = null;
  if (invite) openInvite(invite);
  else void hearth.reopenLastRoom();
}

/** Stops a hosted room and flushes settings before the process ends. */
function disposeBeforeQuit(event: Electron.Event): void {
  if (quitting || !service) return;
  event.preventDefault();
  quitting = true;
  const hearth = service;
  service = null;
  tray?.destroy();
  hearth
    .dispose()
    .catch((error: Error) => console.error(`while quitting: ${error.message}`))
    .finally(() => app.quit());
}

function fatal(error: Error): void {
  dialog.showErrorBox('Hearth could not start', error.message);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.setAppUserModelId('app.hearth.chat');
  app.enableSandbox();
  // In development Electron runs our script, so the OS must be told to pass it along.
  if (process.defaultApp && process.argv[1]) {
    app.setAsDefaultProtocolClient(INVITE_SCHEME, process.execPath, [resolve(process.argv[1])]);
  } else {
    app.setAsDefaultProtocolClient(INVITE_SCHEME);
  }
  // Windows and Linux start a second instance with the link in its arguments; macOS sends open-url.
  app.on('second-instance', (_event, argv) => {
    const invite = findInviteArg(argv);
    if (invite) openInvite(invite);
    else showWindow();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openInvite(url);
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    // With "close to tray" the tray keeps Hearth running (and reachable) until Quit; macOS keeps apps anyway.
    if (process.platform !== 'darwin' && !service?.preferences().closeToTray) app.quit();
  });
  app.on('before-quit', disposeBeforeQuit);
  app.whenReady().then(onReady).catch(fatal);
}
