// Screen share in a call: the renderer's getDisplayMedia reaches Electron's display-media handler, which
// answers only for our own renderer's top frame while the user is in a call they started or accepted
// (security.ts mayUseMedia), and only with a screen or window the user picked, then and there, from a small
// picker of the desktop capturer's sources (a message box naming them). Nothing is shared without that
// pick: cancelling, closing the box, or a request from anywhere else is refused.
import type { BrowserWindow, DesktopCapturerSource, Session } from 'electron';
import { desktopCapturer, dialog } from 'electron';
import { mayUseMedia } from './security';

/** Sources offered at once: a picker of buttons stays readable (a screen or two, the open windows). */
const MAX_SOURCES = 10;

export interface ScreenShareParts {
  trustedOrigin: string;
  inCall(): boolean;
  window(): BrowserWindow | null;
}

type Request = Parameters<Parameters<Session['setDisplayMediaRequestHandler']>[0] & object>[0];
type Answer = Parameters<Parameters<Session['setDisplayMediaRequestHandler']>[0] & object>[1];

export function displayMediaHandler(parts: ScreenShareParts): (request: Request, answer: Answer) => void {
  return (request, answer) => {
    const ask = { requestingUrl: request.frame?.url ?? request.securityOrigin, mediaTypes: ['video'] };
    const ours = request.frame !== null && request.frame.parent === null;
    if (!ours || !request.videoRequested || !mayUseMedia(ask, parts.trustedOrigin, parts.inCall())) {
      answer(null);
      return;
    }
    void pick(parts.window()).then(
      (source) => answer(source && parts.inCall() ? { video: source } : null),
      () => answer(null),
    );
  };
}

/** The screen or window the user picks; null if they cancel. */
async function pick(window: BrowserWindow | null): Promise<DesktopCapturerSource | null> {
  const sources = (
    await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 0, height: 0 } })
  ).slice(0, MAX_SOURCES);
  if (sources.length === 0) return null;
  const cancel = sources.length;
  const options = {
    type: 'question' as const,
    title: 'Share your screen',
    message: 'Which screen or window should the call see?',
    detail: 'Everyone in the call sees it until you stop sharing.',
    buttons: [...sources.map((source) => source.name), 'Cancel'],
    cancelId: cancel,
    defaultId: cancel,
    noLink: true,
  };
  const { response } = window
    ? await dialog.showMessageBox(window, options)
    : await dialog.showMessageBox(options);
  return sources[response] ?? null;
}
