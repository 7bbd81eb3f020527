// The PROXY protocol header a TCP load balancer puts before a connection's first byte to say whom it carries
// (HAProxy's spec, versions 1 and 2): parsed here, so that behind a balancer the per-address caps and
// throttles see the real client (docs/cluster.md § Behind a load balancer). Only the TCP over IPv4/IPv6
// forms carry an address; LOCAL (v2, the balancer's own health check) and UNKNOWN (v1) carry none.
import { isIPv4, isIPv6 } from 'node:net';

export type ProxyHeader =
  /** Not enough bytes yet to tell. */
  | { kind: 'incomplete' }
  /** The bytes do not start with a PROXY header (a TLS ClientHello, say). */
  | { kind: 'absent' }
  | { kind: 'invalid'; reason: string }
  /** `length` bytes of header; `source` null for LOCAL or UNKNOWN (use the connection's own address). */
  | { kind: 'proxied'; length: number; source: { address: string; port: number } | null };

const V1_PREFIX = Buffer.from('PROXY ', 'latin1');
const V1_MAX = 107;
const V2_SIGNATURE = Buffer.from([0x0d, 0x0a, 0x0d, 0x0a, 0x00, 0x0d, 0x0a, 0x51, 0x55, 0x49, 0x54, 0x0a]);
/** A v2 header's address block, TLVs included, may be this long at most (HAProxy's own limit is 216 + TLVs). */
const V2_MAX_BLOCK = 1024;

/** Whether `bytes` could still become `prefix` (or already starts with it). */
function startsLike(bytes: Buffer, prefix: Buffer): boolean {
  const n = Math.min(bytes.length, prefix.length);
  return bytes.subarray(0, n).equals(prefix.subarray(0, n));
}

export function parseProxyHeader(bytes: Buffer): ProxyHeader {
  if (startsLike(bytes, V2_SIGNATURE)) return bytes.length < 16 ? { kind: 'incomplete' } : parseV2(bytes);
  if (startsLike(bytes, V1_PREFIX))
    return bytes.length < V1_PREFIX.length ? { kind: 'incomplete' } : parseV1(bytes);
  return { kind: 'absent' };
}

function parseV1(bytes: Buffer): ProxyHeader {
  const end = bytes.subarray(0, V1_MAX).indexOf('\r\n', 0, 'latin1');
  if (end < 0)
    return bytes.length < V1_MAX ? { kind: 'incomplete' } : invalid('v1 line longer than 107 bytes');
  const length = end + 2;
  const fields = bytes.subarray(0, end).toString('latin1').split(' ');
  if (fields[1] === 'UNKNOWN') return { kind: 'proxied', length, source: null };
  if (fields.length !== 6) return invalid('v1 needs: PROXY TCP4|TCP6 source destination sport dport');
  const [, family, source, destination, sourcePort, destinationPort] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const isFamily = family === 'TCP4' ? isIPv4 : family === 'TCP6' ? isIPv6 : null;
  if (!isFamily) return invalid(`v1 protocol "${family.slice(0, 8)}"`);
  if (!isFamily(source) || !isFamily(destination)) return invalid(`v1 ${family} addresses`);
  const port = portOf(sourcePort);
  if (port === null || portOf(destinationPort) === null) return invalid('v1 ports');
  return { kind: 'proxied', length, source: { address: source, port } };
}

function portOf(text: string): number | null {
  if (!/^(0|[1-9][0-9]{0,4})$/.test(text)) return null;
  const port = Number(text);
  return port <= 65535 ? port : null;
}

function parseV2(bytes: Buffer): ProxyHeader {
  const versionCommand = bytes[12] as number;
  if (versionCommand >> 4 !== 2) return invalid(`v2 version ${versionCommand >> 4}`);
  const command = versionCommand & 0x0f;
  if (command > 1) return invalid(`v2 command ${command}`);
  const block = bytes.readUInt16BE(14);
  if (block > V2_MAX_BLOCK) return invalid(`v2 address block of ${block} bytes`);
  const length = 16 + block;
  if (bytes.length < length) return { kind: 'incomplete' };
  if (command === 0) return { kind: 'proxied', length, source: null };
  const family = bytes[13] as number;
  const body = bytes.subarray(16, length);
  if (family === 0x11) {
    if (block < 12) return invalid('v2 TCP4 block too short');
    return {
      kind: 'proxied',
      length,
      source: { address: [...body.subarray(0, 4)].join('.'), port: body.readUInt16BE(8) },
    };
  }
  if (family === 0x21) {
    if (block < 36) return invalid('v2 TCP6 block too short');
    return {
      kind: 'proxied',
      length,
      source: { address: ipv6Text(body.subarray(0, 16)), port: body.readUInt16BE(32) },
    };
  }
  // UDP or unix sockets: nothing this room serves; the balancer's own address stands.
  return { kind: 'proxied', length, source: null };
}

/** An IPv6 address as Node writes a peer's: lowercase, the longest run of zero groups as `::`. */
function ipv6Text(bytes: Buffer): string {
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2));
  let best = { at: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length && j - i > 1) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

function invalid(reason: string): ProxyHeader {
  return { kind: 'invalid', reason };
}
