// The memory floor of any Node server that keeps one net.Socket per connection: a bare TCP server holding
// C idle loopback connections, RSS per connection after a full GC. Hearth's idle figure is compared with it.
// usage: npx tsx bench/node-socket-floor.ts [connections]   (default 5,000)
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';

const rssKiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);

function serve(): void {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.on('data', () => {});
    socket.on('error', () => {});
    sockets.push(socket);
  });
  server.listen(0, '127.0.0.1', () => {
    globalThis.gc?.();
    const before = rssKiB();
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
    process.on('message', () => {
      globalThis.gc?.();
      process.send?.({ connections: sockets.length, kibPerConnection: (rssKiB() - before) / sockets.length });
    });
  });
}

async function measure(count: number): Promise<void> {
  const child = fork(__filename, ['--serve'], { execArgv: ['--expose-gc', '--import', 'tsx'] });
  const { port } = await new Promise<{ port: number }>((resolve) => child.once('message', resolve));
  const clients: Socket[] = [];
  for (let i = 0; i < count; i += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - i) }, () => {
        return new Promise<void>((resolve, reject) => {
          const socket = connect({ host: '127.0.0.1', port }, resolve);
          socket.once('error', reject);
          clients.push(socket);
        });
      }),
    );
  }
  await new Promise((r) => setTimeout(r, 1000));
  child.send('measure');
  const result = await new Promise((resolve) => child.once('message', resolve));
  console.log(JSON.stringify(result));
  for (const socket of clients) socket.destroy();
  child.kill();
}

if (process.argv.includes('--serve')) serve();
else
  measure(Number(process.argv[2] ?? 5000)).catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
