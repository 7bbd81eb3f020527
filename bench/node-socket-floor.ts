// The memory floor of any Node server that keeps one net.Socket per connection: a bare TCP server holding
// C idle loopback connections, RSS per connection after a full GC. Hearth's idle figure is compared with it.
// With --tls the server is a bare tls.Server (a self-signed P-256 certificate, as the room makes its own) and
// each client sends one line after the handshake, as a login would: the floor of an idle TLS connection.
// usage: npx tsx bench/node-socket-floor.ts [connections] [--tls]   (default 5,000)
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { connect as connectTls, createServer as createTlsServer } from 'node:tls';
import { generate } from 'selfsigned';

const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
const tls = process.argv.includes('--tls');
/** Source addresses 127.0.0.1-8 in turn, as the bench's clients use (ephemeral ports). */
const SOURCE_ADDRESSES = 8;

async function serve(): Promise<void> {
  const sockets: Socket[] = [];
  const keep = (socket: Socket) => {
    socket.setNoDelay(true);
    socket.on('data', () => {});
    socket.on('error', () => {});
    sockets.push(socket);
  };
  const pems = tls
    ? await generate([{ name: 'commonName', value: 'floor' }], { keyType: 'ec', curve: 'P-256' })
    : null;
  const server = pems ? createTlsServer({ key: pems.private, cert: pems.cert }, keep) : createServer(keep);
  server.listen(0, '127.0.0.1', () => {
    globalThis.gc?.();
    const before = rssKiB();
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
    process.on('message', () => {
      globalThis.gc?.();
      process.send?.({
        tls,
        connections: sockets.length,
        kibPerConnection: (rssKiB() - before) / sockets.length,
        heapKiBPerConnection: process.memoryUsage().heapUsed / 1024 / sockets.length,
      });
    });
  });
}

function open(port: number, n: number): Promise<Socket> {
  const options = { host: '127.0.0.1', port, localAddress: `127.0.0.${1 + (n % SOURCE_ADDRESSES)}` };
  return new Promise((resolve, reject) => {
    const socket = tls
      ? connectTls({ ...options, rejectUnauthorized: false }, () => {
          socket.write('{"request":"login"}\n');
          resolve(socket);
        })
      : connect(options, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function measure(count: number): Promise<void> {
  const child = fork(__filename, ['--serve', ...(tls ? ['--tls'] : [])], {
    execArgv: ['--expose-gc', '--import', 'tsx'],
  });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve));
  const clients: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) => open(port, i + j));
    clients.push(...(await Promise.all(batch)));
  }
  await new Promise((r) => setTimeout(r, 1000));
  child.send('measure');
  const result = await new Promise((resolve) => child.once('message', resolve));
  console.log(JSON.stringify(result));
  for (const socket of clients) socket.destroy();
  child.kill();
}

if (process.argv.includes('--serve')) void serve();
else
  measure(Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 5000)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
