// The one rule for links that leave the app for the user's browser, applied by the service (which answers
// the renderer with the reason) and by the Electron shell (which opens nothing else, whatever asks).
import { fail, ok, type Result } from './result';

/** No honest link needs more; a longer one is more likely hiding its real target past the visible part. */
export const MAX_EXTERNAL_URL_CHARS = 2048;

const WEB_PROTOCOLS = new Set(['http:', 'https:']);
const notALink = () => fail('invalid', 'That is not a valid link.');
const unsafe = () => fail('invalid', 'That link looks unsafe, so it was not opened.');
/**
 * Web pages only: http or https, a host, no user:password@ (a classic disguise, as in
 * https://bank.example@evil.example), at most MAX_EXTERNAL_URL_CHARS before and after normalising. Everything
 * else (file:, smb:, javascript:, custom handlers that launch programs) is refused. Gives the URL to open.
 */
export function checkExternalUrl(url: unknown): Result<string> {
  if (typeof url !== 'string') return notALink();
  if (url.length > MAX_EXTERNAL_URL_CHARS) return unsafe();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return notALink();
  }
  if (!WEB_PROTOCOLS.has(parsed.protocol)) return fail('invalid', 'Only http and https links can be opened.');
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return unsafe();
  if (parsed.href.length > MAX_EXTERNAL_URL_CHARS) return unsafe();
  return ok(parsed.href);
}

export function isAllowedExternalUrl(url: unknown): boolean {
  return checkExternalUrl(url).ok;
}
