// The addresses to tell friends: every non-internal IPv4 address of this machine, with the port.
import { networkInterfaces } from 'node:os';

export function shareableAddresses(host: string, port: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [`${host}:${port}`];
  const found: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) found.push(`${entry.address}:${port}`);
    }
  }
  return found.length > 0 ? found : [`127.0.0.1:${port}`];
}
