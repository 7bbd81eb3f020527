// Invite links: `hearth://host:port?fp=<fingerprint>&name=<room>`. A link arrives from outside (a chat,
// an email, the operating system's URL handler), so it is parsed by hand and strictly: exactly one host
// (name or IP literal) and port, at most the two known parameters, nothing that could name a user, a path,
// a file or code. Whatever the link says is only ever used as an address to connect to, a fingerprint to
// pin, and a room name shown as plain text.
import { type Failure, fail as failWith, ok, type Result } from './result';

export const INVITE_SCHEME = 'hearth';
/** Longer than any honest link (a 253-character host, a fingerprint and a 64-character name, encoded). */
export const MAX_INVITE_CHARS = 1024;
export const MAX_ROOM_NAME_CHARS = 64;

/** SHA-256 of the room's certificate: 32 bytes as uppercase hex pairs joined by colons. */
export const FINGERPRINT_PATTERN = /^[0-9A-F]{2}(?::[0-9A-F]{2}){31}$/;

export interface Invite {
  host: string;
  port: number;
  /** The fingerprint to pin for this server; null when the link carries none (trust on first use). */
  fingerprint: string | null;
  /** The room's name as its host calls it; text to show, never markup. */
  name: string | null;
}

export type InviteParse = Result<Invite>;

const fail = (error: string): Failure => failWith('invalid', error);

const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const DECIMAL_OCTET = /^(?:0|[1-9][0-9]{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/;
const PORT_DIGITS = /^[1-9][0-9]{0,4}$/;
const BIDI_CONTROLS = new Set([
  0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069,
]);

/** C0/C1 controls, and the bidirectional controls that can make a name read as something else. */
export function isUnsafeNameChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || BIDI_CONTROLS.has(code);
}

export function isFingerprint(text: string): boolean {
  return FINGERPRINT_PATTERN.test(text);
}

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => DECIMAL_OCTET.test(p) && Number(p) <= 255);
}

export function isIpv6(text: string): boolean {
  const lower = text.toLowerCase();
  const halves = lower.split('::');
  if (halves.length > 2) return false;
  const groups = (half: string) => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const all = [...head, ...tail];
  // An embedded IPv4 address (::ffff:192.0.2.1) stands for the last two groups.
  const last = all[all.length - 1];
  let count = all.length;
  if (last?.includes('.')) {
    if (!isIpv4(last)) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => HEX_GROUP.test(g))) return false;
  return halves.length === 2 ? count <= 7 : count === 8;
}

export function isHostname(text: string): boolean {
  if (text.length === 0 || text.length > 253) return false;
  const labels = text.split('.');
  if (!labels.every((label) => HOST_LABEL.test(label))) return false;
  // All-numeric names are IP addresses in disguise (resolvers read 0x7f.1 or 2130706433 as 127.0.0.1).
  return !/^[0-9.]+$/.test(text) && !/^(?:0x[0-9a-f]*|[0-9]+)$/.test(labels[labels.length - 1] ?? '');
}

/** The host part as a link spells it: IPv6 literals in brackets. */
function hostForLink(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function checkHost(raw: string): { host: string } | { error: string } {
  if (raw.startsWith('[')) {
    if (!raw.endsWith(']')) return { error: 'The IPv6 address in the link is missing its closing bracket.' };
    const literal = raw.slice(1, -1);
    if (!isIpv6(literal)) return { error: `"${literal}" is not a valid IPv6 address.` };
    return { host: literal.toLowerCase() };
  }
  const host = raw.toLowerCase();
  if (isIpv4(host) || isHostname(host)) return { host };
  return { error: 'The link does not name a valid server (a host name or an IP address).' };
}

function checkName(name: string): string | null {
  if (name.trim() === '') return 'The room name in the link is empty.';
  if ([...name].length > MAX_ROOM_NAME_CHARS)
    return `The room name in the link is longer than ${MAX_ROOM_NAME_CHARS} characters.`;
  if ([...name].some(isUnsafeNameChar)) return 'The room name in the link contains control characters.';
  return null;
}

function decodeParam(value: string): string | null {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Reads an invite link; a link that is not exactly right is refused with a sentence saying why. */
export function parseInvite(input: string): InviteParse {
  if (typeof input !== 'string') return fail('An invite link must be text.');
  const link = input.trim();
  if (link === '') return fail('Paste an invite link first.');
  if (link.length > MAX_INVITE_CHARS) return fail('That invite link is too long to be genuine.');
  const prefix = `${INVITE_SCHEME}://`;
  if (link.slice(0, prefix.length).toLowerCase() !== prefix)
    return fail('Invite links start with hearth:// — this is not one.');
  const rest = link.slice(prefix.length);
  if (/[\s\\]/.test(rest)) return fail('The invite link contains spaces or backslashes.');
  if (rest.includes('#')) return fail('The invite link has an unexpected "#" part.');

  const queryAt = rest.indexOf('?');
  const beforeQuery = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? '' : rest.slice(queryAt + 1);
  const slashAt = beforeQuery.indexOf('/');
  const authority = slashAt === -1 ? beforeQuery : beforeQuery.slice(0, slashAt);
  const path = slashAt === -1 ? '' : beforeQuery.slice(slashAt);
  if (path !== '' && path !== '/') return fail('Invite links have no path after the port.');
  if (authority.includes('@')) return fail('Invite links never contain a user name or password.');

  const portAt = authority.lastIndexOf(':');
  if (portAt === -1 || authority.endsWith(']'))
    return fail('The invite link has no port (it should look like hearth://host:port).');
  const hostPart = authority.slice(0, portAt);
  const portText = authority.slice(portAt + 1);
  if (hostPart === '') return fail('The invite link has no server address.');
  if (!hostPart.startsWith('[') && hostPart.includes(':'))
    return fail('IPv6 addresses in invite links must be in brackets, like [2001:db8::1]:5555.');
  const host = checkHost(hostPart);
  if ('error' in host) return fail(host.error);
  if (!PORT_DIGITS.test(portText) || Number(portText) > 65535)
    return fail('The port in the invite link must be a number from 1 to 65535.');

  let fingerprint: string | null = null;
  let name: string | null = null;
  const seen = new Set<string>();
  for (const pair of query === '' ? [] : query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (key !== 'fp' && key !== 'name')
      return fail(
        `The invite link has an unknown part "${key.slice(0, 20)}"; only fp and name belong there.`,
      );
    if (seen.has(key)) return fail(`The invite link gives "${key}" twice.`);
    seen.add(key);
    const value = decodeParam(eq === -1 ? '' : pair.slice(eq + 1));
    if (value === null) return fail(`The "${key}" part of the invite link is garbled.`);
    if (key === 'fp') {
      const upper = value.toUpperCase();
      if (!isFingerprint(upper))
        return fail(
          'The fingerprint in the invite link is not a SHA-256 fingerprint (32 hex pairs with colons).',
        );
      fingerprint = upper;
    } else {
      const problem = checkName(value);
      if (problem) return fail(problem);
      name = value.trim();
    }
  }
  return ok({ host: host.host, port: Number(portText), fingerprint, name });
}

/** Writes the link for a room; the result always parses back to the same invite. */
export function formatInvite(invite: Invite): string {
  const params: string[] = [];
  if (invite.fingerprint !== null) params.push(`fp=${invite.fingerprint}`);
  if (invite.name !== null) params.push(`name=${encodeURIComponent(invite.name)}`);
  const query = params.length > 0 ? `?${params.join('&')}` : '';
  return `${INVITE_SCHEME}://${hostForLink(invite.host)}:${invite.port}${query}`;
}

/** The invite link among a process's arguments (how Windows and Linux hand one over), if any. */
export function findInviteArg(argv: readonly string[]): string | null {
  return (
    argv.find((arg) => arg.slice(0, INVITE_SCHEME.length + 3).toLowerCase() === `${INVITE_SCHEME}://`) ?? null
  );
}
