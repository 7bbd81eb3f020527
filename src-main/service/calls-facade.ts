// The calls on the service's own surface: the IPC adapter and the test bridge call the service's methods by
// name, so HearthService extends this, and each call is passed to its CallsService. It extends the
// room calls' facade, as a class has one line of parents.
import type { CallsInvoke } from '../../src-shared/ipc';
import { RoomsFacade } from './rooms-facade';

export abstract class CallsFacade extends RoomsFacade implements CallsInvoke {
  protected abstract readonly callCalls: CallsInvoke;

  readonly startCall: CallsInvoke['startCall'] = (c) => this.callCalls.startCall(c);
  readonly acceptCall: CallsInvoke['acceptCall'] = (c) => this.callCalls.acceptCall(c);
  readonly declineCall: CallsInvoke['declineCall'] = (c) => this.callCalls.declineCall(c);
  readonly hangUp: CallsInvoke['hangUp'] = (c) => this.callCalls.hangUp(c);
  readonly sendCallSignal: CallsInvoke['sendCallSignal'] = (s) => this.callCalls.sendCallSignal(s);
}
