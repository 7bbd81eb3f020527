import { presenceText, useProfile } from '../hooks/use-profiles';
import { t } from '../i18n/intl';

/**
 * A friend's name and presence: the display name with the username beside it (a display name can be
 * anything, the username is who this is), and the status with its text while they are online.
 */
export function PersonText({ username, online }: { username: string; online: boolean }) {
  const profile = useProfile(username);
  const shown = profile?.displayName ?? null;
  return (
    <span className="friend-text">
      <span
        className="friend-name"
        title={shown ? t('chat.person.title', { name: shown, username }) : username}
      >
        {shown ?? username}
        {shown && <span className="muted"> @{username}</span>}
      </span>
      <span className={`presence ${online ? 'online' : 'offline'}`}>{presenceText(profile, online)}</span>
    </span>
  );
}
