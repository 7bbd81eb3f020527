// The group commit over a log that answers later, as a cluster node's shared log does (message-log.ts): sends
// arriving while a commit is out wait for it and go together in the next one; acks and deliveries follow
// each commit in order; a commit that fails later is retried one message at a time.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type MessageLog, type OpenLog, openLocalLog } from '../../src-main/server/message-log';
import type { AppendResult, NewMessage } from '../../src-main/server/store/store';
import { loginGuest, type RawClient } from '../helpers/raw-client';
import { startServer, type TestServer } from '../helpers/server';

/** A log whose appends wait until the test releases them, one by one, in the order they were made. */
class GatedLog {
  private readonly held: { batch: NewMessage[]; release: () => void }[] = [];
  private readonly watchers: (() => void)[] = [];
  appends = 0;

  readonly open: OpenLog = (store, deliver, log) => {
    const local = openLocalLog(store, deliver, log) as MessageLog;
    return {
      append: (batch) => {
        this.appends++;
        return new Promise<AppendResult[]>((resolve, reject) => {
          this.held.push({
            batch: [...batch],
            release: () => {
              try {
                resolve(local.append(batch) as AppendResult[]);
              } catch (error) {
                reject(error);
              }
            },
          });
          for (const watch of this.watchers.splice(0)) watch();
        });
      },
      publish: (own) => local.publish(own),
      close: () => local.close(),
    };
  };

  /** The oldest held append, once there is one. */
  async next(): Promise<{ texts: string[]; release: () => void }> {
    while (this.held.length === 0) await new Promise<void>((resolve) => this.watchers.push(resolve));
    const { batch, release } = this.held.shift() as { batch: NewMessage[]; release: () => void };
    return { texts: batch.map((m) => m.text), release };
  }
}

function msgLine(text: string, cid: string): string {
  return `${JSON.stringify({ request: 'msg', content: { text, cid }, rid: cid })}\n`;
}

async function received(client: RawClient, count: number): Promise<string[]> {
  const texts: string[] = [];
  while (texts.length < count)
    texts.push(String((await client.waitFor((r) => r.response === 'message')).content));
  return texts;
}

describe('a log that answers later', () => {
  const gate = new GatedLog();
  let t: TestServer;
  before(async () => {
    t = await startServer({ openLog: gate.open });
  });
  after(() => t.dispose());

  test('sends wait for the commit that is out, then go in one; acks and deliveries follow in order', async () => {
    const [ann, ben] = await Promise.all([loginGuest(t.port, 'ann'), loginGuest(t.port, 'ben')]);
    const before = gate.appends;
    ann.send(msgLine('one', 'a1'));
    const first = await gate.next();
    assert.deepEqual(first.texts, ['one']);
    ann.send(msgLine('two', 'a2') + msgLine('three', 'a3'));
    // The room still answers while the commit is out, and has not started another one.
    assert.equal((await ann.ask('ping')).response, 'pong');
    assert.equal(gate.appends - before, 1);
    assert.equal(ann.all.filter((r) => r.response === 'ack').length, 0, 'no ack before the commit');
    first.release();
    assert.equal((await ann.response('ack', 'a1')).response, 'ack');
    const second = await gate.next();
    assert.deepEqual(second.texts, ['two', 'three']);
    second.release();
    const acks = [await ann.response('ack', 'a2'), await ann.response('ack', 'a3')];
    const ids = acks.map((a) => (a.content as { id: number }).id);
    assert.equal(ids[1], (ids[0] as number) + 1);
    assert.deepEqual(await received(ben, 3), ['one', 'two', 'three']);
    await Promise.all([ann.close(), ben.close()]);
  });
});

describe('a log that fails later', () => {
  let t: TestServer;
  const failing: OpenLog = (store, deliver, log) => {
    const local = openLocalLog(store, deliver, log) as MessageLog;
    return {
      async append(batch) {
        await new Promise((resolve) => setImmediate(resolve));
        if (batch.some((m) => m.text === 'explode')) throw new Error('the shared log went away');
        return local.append(batch);
      },
      publish: (own) => local.publish(own),
      close: () => local.close(),
    };
  };
  before(async () => {
    t = await startServer({ openLog: failing });
  });
  after(() => t.dispose());

  test('only the message that fails alone answers server_error; the rest are stored and delivered', async () => {
    const [ann, ben] = await Promise.all([loginGuest(t.port, 'ann'), loginGuest(t.port, 'ben')]);
    ann.send(msgLine('innocent', 'i1') + msgLine('explode', 'b1') + msgLine('also fine', 'i2'));
    assert.equal((await ann.response('ack', 'i1')).response, 'ack');
    assert.equal((await ann.response('error', 'b1')).code, 'server_error');
    assert.equal((await ann.response('ack', 'i2')).response, 'ack');
    assert.ok(t.logs.some((l) => l.includes('the shared log went away')));
    assert.deepEqual(await received(ben, 2), ['innocent', 'also fine']);
    const latest = await ben.ask('history', { conversation: 'room', limit: 5 });
    assert.deepEqual(
      (latest.content as { content: string }[]).map((m) => m.content),
      ['innocent', 'also fine'],
    );
    await Promise.all([ann.close(), ben.close()]);
  });
});
