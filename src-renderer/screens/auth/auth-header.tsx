import type { AppState } from '../../../src-shared/ipc';
import { Icon } from '../../ui/icons';
import { Logo } from '../../ui/logo';
import type { Mode } from './auth-tabs';

interface Props {
  state: AppState;
  mode: Mode;
  /** The room is the one this computer hosts. */
  ownRoom: boolean;
  onShowHost: () => void;
}

function titleOf(mode: Mode, ownRoom: boolean, firstVisit: boolean): string {
  if (mode === 'register') return ownRoom ? 'Create your account in your room' : 'Create your account';
  if (mode === 'guest') return 'Join as a guest';
  if (ownRoom) return 'Log in to your room';
  return firstVisit ? 'Join this room' : 'Welcome back';
}

/** Where the person is about to log in: the room's name when known, its address, and whether it is theirs. */
export function AuthHeader({ state, mode, ownRoom, onShowHost }: Props) {
  const server = state.connection.server;
  return (
    <header className="welcome-header compact">
      <Logo size={44} />
      {ownRoom && <p className="welcome-room">{state.roomName}</p>}
      <h1>{titleOf(mode, ownRoom, state.connection.newlyPinned)}</h1>
      {server && (
        <p className="server-line">
          <Icon name="server" size={16} />
          <span>
            {server.host}:{server.port}
          </span>
          <button type="button" className="link-button" onClick={() => window.hearth.disconnect()}>
            Change server
          </button>
        </p>
      )}
      {state.host.running && (
        <p className="hosting-line">
          <span className="dot online" aria-hidden="true" />
          {ownRoom ? 'You are hosting this room.' : 'You also host a room here.'}
          <button type="button" className="link-button" onClick={onShowHost}>
            Addresses to share
          </button>
        </p>
      )}
    </header>
  );
}
