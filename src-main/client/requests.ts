// Requests that wait for their answer: each gets a rid, waits for the response that echoes it as `re` (or an
// `error` that does), and fails with `timeout` if none comes in time. docs/protocol.md § Envelope

import type { Response, ResponseName } from '../../src-shared/protocol';
import { type Failure, fail, type Result } from '../../src-shared/result';
import { MAX_PENDING_REQUESTS } from './bounds';
import type { OutgoingRequest, ResponseOf } from './types';

interface PendingRequest {
  expect: readonly ResponseName[];
  settle: (result: Result<Response>) => void;
}

export class Requests {
  private nextRid = 1;
  private readonly pending = new Map<string, PendingRequest>();

  /** A fresh rid; sends use the same numbering, so every rid on a link names one request. */
  newRid(): string {
    return `r${this.nextRid++}`;
  }

  /** Write the request with a new rid (through `write`) and wait for its answer. */
  send<N extends ResponseName>(
    write: (frame: object) => void,
    request: OutgoingRequest,
    expect: readonly N[],
    timeoutMs: number,
  ): Promise<Result<ResponseOf<N>>> {
    if (this.pending.size >= MAX_PENDING_REQUESTS) {
      return Promise.resolve(
        fail('busy', 'Too many requests are waiting for the room to answer; try again.'),
      );
    }
    const rid = this.newRid();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(rid);
        resolve(fail('timeout', `The server did not answer "${request.request}" in time.`));
      }, timeoutMs);
      this.pending.set(rid, {
        expect,
        settle: (result) => {
          clearTimeout(timer);
          resolve(result as Result<ResponseOf<N>>);
        },
      });
      write({ ...request, rid });
    });
  }

  /** Settle the request this response answers; false when it answers none of ours. */
  answer(response: Response): boolean {
    const rid = 're' in response ? response.re : undefined;
    const pending = rid === undefined ? undefined : this.pending.get(rid);
    if (!pending || rid === undefined) return false;
    this.pending.delete(rid);
    if (response.response === 'error') pending.settle(fail(response.code, response.content));
    else if (pending.expect.includes(response.response)) pending.settle({ ok: true, value: response });
    else pending.settle(fail('protocol', `Unexpected answer "${response.response}" from the server.`));
    return true;
  }

  /** Fail the request waiting for `rid`, if any, with `failure`. */
  reject(rid: string, failure: Failure): void {
    const pending = this.pending.get(rid);
    this.pending.delete(rid);
    pending?.settle(failure);
  }

  /** The link is gone: every request waiting on it fails with this reason. */
  failAll(reason: string): void {
    for (const [rid, pending] of this.pending) {
      this.pending.delete(rid);
      pending.settle(fail('disconnected', reason));
    }
  }
}
