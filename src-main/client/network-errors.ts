// Turns socket failures into one sentence a person can act on, naming the address they typed.

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused — is a Hearth room running there?',
  ETIMEDOUT: 'timed out — check the address and that the port is forwarded',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'no such host name',
  EAI_AGAIN: 'the host name could not be looked up',
  ECONNRESET: 'the connection was reset',
  EADDRNOTAVAIL: 'address not available',
};

export function describeAddress(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function errorCode(error: unknown): string | undefined {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

export function describeConnectError(host: string, port: number, error: unknown): string {
  const code = errorCode(error);
  const reason = (code && REASONS[code]) ?? (error instanceof Error ? error.message : String(error));
  return `Could not reach ${describeAddress(host, port)} (${reason})`;
}
