// The username box of the friends column's small forms (add a friend, block someone), and the check both
// make before asking the room.
import { USERNAME_PATTERN } from '../../src-shared/limits';
import { t } from '../i18n/intl';

/** Why this typed name cannot be asked for (a sentence), or null if it can. */
export function usernameProblem(username: string, self: string): string | null {
  if (!USERNAME_PATTERN.test(username)) return t('chat.username.invalid');
  if (username.toLowerCase() === self.toLowerCase()) return t('chat.username.self');
  return null;
}

interface Props {
  id: string;
  /** The id of the line that explains an error. */
  statusId: string;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}

export function UsernameInput({ id, statusId, value, invalid, onChange }: Props) {
  return (
    <input
      id={id}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      placeholder={t('chat.username.placeholder')}
      autoComplete="off"
      spellCheck={false}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={invalid ? statusId : undefined}
    />
  );
}
