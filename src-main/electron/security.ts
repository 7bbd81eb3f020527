// The security decisions of the Electron shell as plain functions, so they are unit-tested without the
// Electron binary: which URLs the window may show, which links may leave the app, which frames may call
// IPC, and the Content-Security-Policy the renderer runs under.

/** The privileged custom scheme the packaged renderer is served from (never file://, never http). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'hearth';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** `npm run dev` passes Vite's dev server through this variable; nothing else ever sets it. */
export const DEV_SERVER_ENV = 'HEARTH_DEV_SERVER_URL';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(url: string | undefined | null): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The dev server URL to load instead of the packaged renderer, or null. Only an unpackaged app honours it,
 * and only for an http URL on this machine: a packaged build never loads anything remote.
 */
export function devServerUrl(env: NodeJS.ProcessEnv, isPackaged: boolean): string | null {
  if (isPackaged) return null;
  const url = parse(env[DEV_SERVER_ENV]);
  if (url?.protocol !== 'http:' || !LOOPBACK_HOSTS.has(url.hostname)) return null;
  return url.origin;
}

/** Scheme and host identify our renderer; Node reports `origin` as "null" for non-special schemes. */
function sameOrigin(url: URL, trustedOrigin: string): boolean {
  const trusted = parse(trustedOrigin);
  return trusted !== null && url.protocol === trusted.protocol && url.host === trusted.host;
}

/** True when a URL belongs to our own renderer (the app scheme, or the dev server in `npm run dev`). */
export function isAppUrl(url: string | undefined | null, trustedOrigin: string): boolean {
  const parsed = parse(url);
  return parsed !== null && sameOrigin(parsed, trustedOrigin);
}

/** A frame that sends IPC must be the top-level frame of our own renderer; iframes and other pages are refused. */
export function isTrustedSender(
  frame: { url: string; parent: unknown } | null | undefined,
  trustedOrigin: string,
): boolean {
  return frame != null && frame.parent === null && isAppUrl(frame.url, trustedOrigin);
}

/**
 * The renderer gets one browser permission: writing text to the clipboard, which the copy buttons for
 * addresses and invite links use. Reading the clipboard, media, location and notifications stay refused
 * (desktop notifications come from the main process).
 */
export function isPermissionGranted(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

/** What Electron says about a media request (its permission handlers' `details`). */
export interface MediaAsk {
  requestingUrl?: string;
  securityOrigin?: string;
  /** 'audio', 'video'; absent on a permission check. */
  mediaTypes?: readonly string[];
}

/**
 * The camera, microphone and screen (docs/protocol.md § Calls): only for our own renderer's top frame origin,
 * and only while the user is in a call they started or accepted (`inCall`, from the service). The screen
 * comes as the `display-capture` permission with video, and then only as the source the user picks
 * (screen-share.ts); any other media type stays refused.
 */
export function mayUseMedia(ask: MediaAsk | undefined, trustedOrigin: string, inCall: boolean): boolean {
  if (!inCall || !ask) return false;
  const from = ask.requestingUrl ?? ask.securityOrigin;
  if (!isAppUrl(from, trustedOrigin)) return false;
  return (ask.mediaTypes ?? []).every((type) => type === 'audio' || type === 'video');
}

/** The single-page renderer never navigates; only a reload of our own origin is let through. */
export function isNavigationAllowed(url: string, trustedOrigin: string): boolean {
  return isAppUrl(url, trustedOrigin);
}

/** Links leaving the app follow the one rule the service applies too. */
export { isAllowedExternalUrl } from '../../src-shared/external-url';

/**
 * The renderer's Content-Security-Policy. Production allows only our own scripts and styles and no
 * network at all (every request goes through IPC). The dev variant adds what Vite's hot reload needs:
 * its inline preamble and injected styles, and its websocket on the loopback dev server.
 */
export function contentSecurityPolicy(devOrigin: string | null = null): string {
  const dev = devOrigin !== null;
  const devSocket = dev ? ` ${devOrigin.replace(/^http/, 'ws')}` : '';
  const directives = [
    "default-src 'none'",
    `script-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    `style-src 'self'${dev ? " 'unsafe-inline'" : ''}`,
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src ${dev ? `'self'${devSocket}` : "'none'"}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ];
  return directives.join('; ');
}
