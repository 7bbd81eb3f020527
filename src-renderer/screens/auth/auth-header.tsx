import type { AppState } from '../../../src-shared/ipc';
import { t } from '../../i18n/intl';
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
  if (mode === 'register')
    return ownRoom ? t('screens.auth.title.registerOwn') : t('screens.auth.title.register');
  if (mode === 'guest') return t('screens.auth.title.guest');
  if (ownRoom) return t('screens.auth.title.own');
  return firstVisit ? t('screens.auth.title.first') : t('screens.auth.title.back');
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
            {t('screens.auth.changeServer')}
          </button>
        </p>
      )}
      {state.host.running && (
        <p className="hosting-line">
          <span className="dot online" aria-hidden="true" />
          {ownRoom ? t('screens.auth.hostingThis') : t('screens.auth.hostingOther')}
          <button type="button" className="link-button" onClick={onShowHost}>
            {t('screens.auth.addresses')}
          </button>
        </p>
      )}
    </header>
  );
}
