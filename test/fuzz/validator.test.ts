// Property-based tests of request validation: the schema on its own, and the server's whole path from a frame
// to a validated request or an error sentence (dispatch), through a real server on loopback.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { readServerLines, type ServerObject } from '../../fuzz/response-reader';
import { type ChatServer, createChatServer } from '../../src-main/server/server';
import { describeIssues, REQUEST_NAMES, requestSchema } from '../../src-shared/protocol';

/** Anything JSON can carry, including the awkward keys and values a hostile client would try. */
const jsonish = fc.oneof(
  fc.jsonValue({ stringUnit: 'binary' }),
  fc
    .anything({
      withNullPrototype: true,
      withObjectString: true,
      withBoxedValues: true,
      withSparseArray: true,
    })
    .map((value) => JSON.stringify(value))
    .filter((text): text is string => typeof text === 'string')
    .map((text) => JSON.parse(text) as unknown),
);

/** Objects that get past the cheap checks, so the schema itself is what decides. */
const nearRequest = fc.record(
  {
    request: fc.constantFrom(...REQUEST_NAMES),
    content: fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.constantFrom(
          'username',
          'password',
          'guest',
          'text',
          'cid',
          'to',
          'conversation',
          'before',
          'limit',
          'since',
        ),
        fc.jsonValue({ maxDepth: 1 }),
      ),
    ),
    rid: fc.oneof(fc.string({ maxLength: 70 }), fc.jsonValue({ maxDepth: 1 })),
  },
  { requiredKeys: ['request'] },
);

const anyRequestValue = fc.oneof(jsonish, nearRequest);

test('the schema never throws, and every rejection comes with a short sentence', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        anyRequestValue,
        fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true }),
      ),
      (value) => {
        const result = requestSchema.safeParse(value);
        if (result.success) return;
        const sentence = describeIssues(result.error);
        assert.equal(typeof sentence, 'string');
        assert.ok(sentence.trim().length > 0, 'empty error sentence');
        assert.ok(sentence.length < 300, `error sentence of ${sentence.length} characters`);
        assert.ok(!sentence.includes('\n'), 'error sentence spans lines');
      },
    ),
    { numRuns: 4000 },
  );
});

let dataDir = '';
let server: ChatServer;
let port = 0;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'hearth-validator-'));
  // Limits off: the rate limiter, the classic pacing and the cap on reads before login would otherwise decide
  // what the answers are. TLS off:
  // this is about validation, and the live fuzz run covers the TLS port.
  server = createChatServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    requestRate: 0,
    classicGapMs: 0,
    maxChunksBeforeLogin: Number.MAX_SAFE_INTEGER,
    tls: false,
  });
  ({ port } = await server.listen());
});

after(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** One connection that is never logged in: sends a frame, waits for exactly one answer. */
class OneAnswerClient {
  private waiting: ((answer: ServerObject) => void) | null = null;
  readonly extra: ServerObject[] = [];

  constructor(private readonly socket: Socket) {
    readServerLines(
      socket,
      (answer) => {
        const waiter = this.waiting;
        this.waiting = null;
        if (waiter) waiter(answer);
        else this.extra.push(answer);
      },
      (line) => this.extra.push({ response: 'broken', content: line }),
    );
  }

  static open(): Promise<OneAnswerClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new OneAnswerClient(socket)));
      socket.once('error', reject);
    });
  }

  ask(frame: string): Promise<ServerObject> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${frame.slice(0, 200)}`)), 5000);
      this.waiting = (answer) => {
        clearTimeout(timer);
        resolve(answer);
      };
      this.socket.write(`${frame}\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

const CHANGES_SESSION = new Set(['login', 'register', 'logout']);
const ALLOWED_BEFORE_LOGIN = new Set(['help', 'ping']);

test('the server answers every JSON value with exactly one answer: an error sentence for every invalid one', async () => {
  const client = await OneAnswerClient.open();
  try {
    await fc.assert(
      fc.asyncProperty(anyRequestValue, async (value) => {
        const frame = JSON.stringify(value);
        const sent = JSON.parse(frame) as unknown;
        const result = requestSchema.safeParse(sent);
        const record =
          sent !== null && typeof sent === 'object' && !Array.isArray(sent) ? (sent as ServerObject) : null;
        // Valid logins, registrations and logouts change the session; the rest of this test needs it unchanged.
        fc.pre(!(result.success && CHANGES_SESSION.has(result.data.request)));

        const answer = await client.ask(frame);
        assert.deepEqual(client.extra, [], 'more than one answer to one frame');
        if (result.success) {
          if (ALLOWED_BEFORE_LOGIN.has(result.data.request)) assert.notEqual(answer.response, 'error');
          else assert.equal(answer.code, 'not_logged_in');
          return;
        }
        assert.equal(answer.response, 'error');
        assert.equal(typeof answer.content, 'string');
        assert.ok((answer.content as string).trim().length > 0);
        const name = record?.request;
        if (typeof name === 'string' && (REQUEST_NAMES as string[]).includes(name)) {
          assert.equal(answer.code, 'invalid');
          assert.equal(answer.content, `${name}: ${describeIssues(result.error)}`);
        } else {
          assert.ok(
            answer.code === 'invalid' || answer.code === 'unknown_request',
            `code ${String(answer.code)}`,
          );
        }
        const rid = record?.rid;
        if (typeof rid === 'string' && rid.length <= 64) assert.equal(answer.re, rid);
      }),
      { numRuns: 1500 },
    );
  } finally {
    client.close();
  }
});

test('text that is not JSON is answered with one "malformed" error per frame, and the connection goes on', async () => {
  const client = await OneAnswerClient.open();
  try {
    await fc.assert(
      fc.asyncProperty(
        // A single line that starts like an object (so the decoder ends it at its closing brace) but is not JSON.
        fc
          .string({ unit: 'binary', maxLength: 60 })
          .map((inside) => `{${inside.replace(/[{}[\]"\\\n]/g, '')}x}`),
        async (frame) => {
          const answer = await client.ask(frame);
          assert.equal(answer.response, 'error');
          assert.equal(answer.code, 'malformed');
          assert.ok(typeof answer.content === 'string' && answer.content.length > 0);
        },
      ),
      { numRuns: 500 },
    );
    const pong = await client.ask('{"request":"ping"}');
    assert.equal(pong.response, 'pong');
  } finally {
    client.close();
  }
});

/** Frames whose answer (exactly one each, before login) does not depend on anything but the frame. */
const ONE_ANSWER_FRAMES = [
  '{"request":"ping"}',
  '{"request":"help","content":"None"}',
  '{"request":"names","content":null}',
  '{"request":"msg","content":"héllo €😀"}',
  '{"request":"nope","rid":"r1"}',
  '{"request":"history","content":{"conversation":"nowhere"},"rid":"r2"}',
  '{"request":"login","content":{"username":"a b","password":"x"}}',
  '[1,2,{"request":"ping"}]',
  '"just a string"',
  '{bad json}',
  '{"request":"msg","content":"\\u0000\\"}{"}',
];

function collectAnswers(chunks: readonly Buffer[], count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const answers: string[] = [];
    const socket = connect({ host: '127.0.0.1', port });
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`got ${answers.length} of ${count} answers`));
    }, 5000);
    readServerLines(
      socket,
      ({ response, code, content, re }) => {
        answers.push(JSON.stringify({ response, code, content, re }));
        if (answers.length === count) {
          clearTimeout(timer);
          socket.destroy();
          resolve(answers);
        }
      },
      (line) => reject(new Error(`not a JSON object: ${line}`)),
    );
    // Each piece in its own turn of the event loop, so that the server reads them as separate chunks.
    const writeFrom = (i: number) => {
      const chunk = chunks[i];
      if (!chunk) return;
      socket.write(chunk, () => setImmediate(() => writeFrom(i + 1)));
    };
    socket.once('connect', () => writeFrom(0));
  });
}

test('through the real server, frames cut into arbitrary pieces get the same answers as sent whole', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.constantFrom(...ONE_ANSWER_FRAMES), fc.constantFrom('', '\n', '\r\n', ' ')), {
        minLength: 1,
        maxLength: 8,
      }),
      fc.array(fc.nat(), { maxLength: 12 }),
      async (frames, cuts) => {
        const wire = Buffer.from(frames.map(([frame, sep]) => frame + sep).join(''));
        const points = [...new Set(cuts.map((c) => c % (wire.length + 1)))].sort((a, b) => a - b);
        const pieces = [...points, wire.length].map((end, i) =>
          wire.subarray(i ? (points[i - 1] ?? 0) : 0, end),
        );
        const whole = await collectAnswers([wire], frames.length);
        const cut = await collectAnswers(pieces, frames.length);
        assert.deepEqual(cut, whole);
      },
    ),
    { numRuns: 150 },
  );
});
