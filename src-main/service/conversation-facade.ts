// The conversation-feature calls on the service's own surface: the IPC adapter and the test bridge call the
// service's methods by name, so HearthService extends this, and each call is passed to its
// ConversationService. It extends the file and account calls' facades, as a class has one line of parents.
import type { ConversationInvoke } from '../../src-shared/ipc';
import { FilesFacade } from './files-facade';

export abstract class ConversationFacade extends FilesFacade implements ConversationInvoke {
  protected abstract readonly conversationCalls: ConversationInvoke;

  readonly editMessage: ConversationInvoke['editMessage'] = (e) => this.conversationCalls.editMessage(e);
  readonly react: ConversationInvoke['react'] = (r) => this.conversationCalls.react(r);
  readonly typing: ConversationInvoke['typing'] = (c) => this.conversationCalls.typing(c);
  readonly setReceipts: ConversationInvoke['setReceipts'] = (on) => this.conversationCalls.setReceipts(on);
  readonly search: ConversationInvoke['search'] = (q) => this.conversationCalls.search(q);
}
