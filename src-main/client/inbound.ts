// Reading what a room sends. A room at a public IP is a stranger's program, so every frame is parsed and
// checked against the response schemas (src-shared/response-schemas.ts) before anything acts on it, with the
// rigour the room applies to requests. A bad frame is dropped with a logged reason; a run of them means the
// other end is not speaking Hearth (or is hostile), and the link is closed. docs/protocol.md § Envelope
import { describeIssues, type Response } from '../../src-shared/protocol';
import { responseSchema } from '../../src-shared/response-schemas';

export type Inbound =
  | { ok: true; response: Response }
  /** `re` is the rid the bad frame claims to answer, so that request can fail now instead of timing out. */
  | { ok: false; reason: string; re: string | undefined };

export function readResponse(text: string): Inbound {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON', re: undefined };
  }
  const checked = responseSchema.safeParse(parsed);
  if (checked.success) return { ok: true, response: checked.data };
  return { ok: false, reason: describeIssues(checked.error), re: claimedRid(parsed) };
}

function claimedRid(parsed: unknown): string | undefined {
  if (!parsed || typeof parsed !== 'object' || !('re' in parsed)) return undefined;
  return typeof parsed.re === 'string' && parsed.re.length <= 64 ? parsed.re : undefined;
}

/** Bad frames in a row after which the link is closed: far more than any honest room sends (none). */
export const MAX_BAD_FRAMES_IN_A_ROW = 50;
/** Bad frames logged per link; after that only every thousandth, so garbage cannot flood the log. */
const LOGGED_BAD_FRAMES = 5;

/** Counts one link's bad frames. */
export class BadFrames {
  private inARow = 0;
  private total = 0;

  good(): void {
    this.inARow = 0;
  }

  /** One more bad frame; true when the link should be closed for it. */
  bad(): boolean {
    this.total++;
    this.inARow++;
    return this.inARow >= MAX_BAD_FRAMES_IN_A_ROW;
  }

  get worthLogging(): boolean {
    return this.total <= LOGGED_BAD_FRAMES || this.total % 1000 === 0;
  }

  get count(): number {
    return this.total;
  }
}
