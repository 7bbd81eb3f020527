// A friend's call ringing while the user is not looking at their conversation (the window in the background,
// or another conversation open) becomes a desktop notification, once per call, through the messages' path:
// quiet in do-not-disturb (the notify it is given sees to that) and with notifications off. A call is for
// the user alone, like a direct message, so "direct messages and mentions" lets it through too.
import type { CallInfo, ConversationId, Preferences } from '../../src-shared/ipc';
import type { DesktopNotification } from './inbox';

/** Rings remembered as notified (a ring pushed again after a reconnect is not notified twice). */
const MAX_RINGS_KEPT = 32;

export interface CallRingParts {
  /** The window has focus and shows this conversation. */
  looksAt(conversation: ConversationId): boolean;
  level(): Preferences['notifications'];
  notify(notification: DesktopNotification): void;
}

export class CallRing {
  private readonly notified = new Set<string>();

  constructor(private readonly parts: CallRingParts) {}

  /** Every call push the user gets. */
  heard(info: CallInfo): void {
    const ringing = info.state === 'ringing' && info.incoming && info.conversation.startsWith('@');
    if (!ringing) {
      this.notified.delete(info.call);
      return;
    }
    if (this.notified.has(info.call) || this.parts.looksAt(info.conversation)) return;
    if (this.parts.level() === 'none') return;
    const oldest = this.notified.values().next();
    if (this.notified.size >= MAX_RINGS_KEPT && !oldest.done) this.notified.delete(oldest.value);
    this.notified.add(info.call);
    this.parts.notify({
      title: `${info.from} is calling you`,
      body: info.video ? 'Video call' : 'Voice call',
      conversation: info.conversation,
      call: info.call,
    });
  }
}
