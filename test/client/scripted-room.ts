// A scripted TLS room for the hostile-room tests: a node:tls server on loopback with a self-signed
// certificate, whose answers are whatever the test's script says — honest, wrong, endless or silent.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server, type TLSSocket } from 'node:tls';
import { writeDrained } from '../../fuzz/write-drained';
import { loadOrCreateCertificate, type RoomCertificate } from '../../src-main/server/certificate';

export type Request = { request: string; content?: unknown; rid?: string };

export interface Peer {
  readonly socket: TLSSocket;
  /** Write one line (an object is serialised); resolves once the socket can take more. */
  send(frame: object | string): Promise<void>;
  /** Write an answer to `request`, echoing its rid. */
  answer(request: Request, frame: object): Promise<void>;
}

export type Script = (peer: Peer, request: Request) => void | Promise<void>;

export async function makeIdentity(): Promise<RoomCertificate> {
  const dir = mkdtempSync(join(tmpdir(), 'hearth-hostile-'));
  try {
    return await loadOrCreateCertificate(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const now = () => new Date().toISOString();

export function message(id: number, text = `message ${id}`) {
  return { timestamp: now(), sender: 'mallory', response: 'message', content: text, id, conv: 'room' };
}

const EMPTY_FRIENDS = { friends: [], incoming: [], outgoing: [] };

/** What an honest room would answer; scripts fall back to it for what they do not care about. */
export const honest: Script = (peer, request) => {
  const base = { timestamp: now(), sender: 'server' };
  const content = request.content as Record<string, unknown> | undefined;
  switch (request.request) {
    case 'ping':
      return peer.answer(request, { ...base, response: 'pong', content: null });
    case 'login':
    case 'register': {
      const username = typeof content?.username === 'string' ? content.username : 'guest';
      const login = { username, guest: false, lastId: 0, history: [], friends: EMPTY_FRIENDS };
      return peer.answer(request, { ...base, response: 'login', content: login });
    }
    case 'resume':
      return peer.answer(request, { ...base, response: 'resume', content: [], more: false });
    case 'history':
      return peer.answer(request, { ...base, response: 'history', content: [], more: false });
    case 'msg': {
      const { cid } = content as { cid: string };
      const ack = { cid, id: nextId++, timestamp: now(), duplicate: false };
      return peer.answer(request, { ...base, response: 'ack', content: ack });
    }
    default:
      return peer.answer(request, { ...base, response: 'info', content: 'ok' });
  }
};
let nextId = 1_000_000;

export class ScriptedRoom {
  port = 0;
  connections = 0;
  /** Requests the room received, in order, over every connection. */
  readonly received: Request[] = [];
  private server: Server | null = null;
  private readonly sockets = new Set<TLSSocket>();
  private readonly raw = new Set<Socket>();

  constructor(
    private identity: RoomCertificate,
    public script: Script = honest,
  ) {}

  async start(port = 0): Promise<number> {
    const server = createServer({ cert: this.identity.cert, key: this.identity.key }, (socket) =>
      this.serve(socket),
    );
    server.on('tlsClientError', () => {});
    // Every TCP connection, handshake finished or not, so close() can end them all and not wait on one.
    server.on('connection', (raw: Socket) => {
      this.raw.add(raw);
      raw.on('close', () => this.raw.delete(raw));
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  /** Come back on the same port with another certificate. */
  async restartWith(identity: RoomCertificate): Promise<void> {
    await this.close();
    this.identity = identity;
    await this.start(this.port);
  }

  cutAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  private cutRaw(): void {
    for (const socket of this.raw) socket.destroy();
  }

  async close(): Promise<void> {
    this.cutAll();
    this.cutRaw();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private serve(socket: TLSSocket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => {});
    const peer: Peer = {
      socket,
      send: (frame) => writeDrained(socket, typeof frame === 'string' ? frame : `${JSON.stringify(frame)}\n`),
      answer: (request, frame) =>
        peer.send(request.rid === undefined ? frame : { ...frame, re: request.rid }),
    };
    let buffered = '';
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
        const request = JSON.parse(line) as Request;
        this.received.push(request);
        void this.script(peer, request);
      }
    });
  }
}
