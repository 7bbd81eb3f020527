// The account section's profile part: the picture, display name, status with its text, and when idle
// counts as away. The username stays the identity; it is shown beside the display name wherever people
// are told apart.
import { type FormEvent, useState } from 'react';
import { MAX_DISPLAY_NAME_CHARS, MAX_STATUS_TEXT_CHARS, STATUSES } from '../../src-shared/account-limits';
import type { Profile, ProfileChange } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { AWAY_CHOICES, type AwayAfter, awayAfterMinutes, setAwayAfterMinutes } from '../hooks/use-idle-away';
import { statusLabel, useProfile } from '../hooks/use-profiles';
import { t } from '../i18n/intl';
import { Avatar } from '../ui/avatar';
import { Field } from '../ui/field';
import { avatarFromFile } from './avatar-image';
import { Choice } from './settings-controls';

const STATUS_OPTIONS = STATUSES.map((value) => ({ value, label: statusLabel(value) }));
const AWAY = AWAY_CHOICES.map((value) => ({
  value: String(value),
  label: value === 0 ? t('settings.away.never') : t('settings.away.after', { count: value }),
}));

export function AccountProfile({ username }: { username: string }) {
  const profile = useProfile(username);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [away, setAway] = useState<AwayAfter>(awayAfterMinutes);
  // Shown as picked at once; the room's answer (a `profile` event) or its refusal then settles it.
  const [picked, setPicked] = useState<Profile['status'] | null>(null);

  async function save(change: ProfileChange | { image: string | null }, done: string) {
    const answer =
      'image' in change
        ? await window.hearth.setAvatar(change.image)
        : await window.hearth.updateProfile(change);
    setMessage(answer.ok ? { text: done, error: false } : { text: asSentence(answer.error), error: true });
    setPicked(null);
  }

  async function pick(file: File | undefined) {
    if (!file) return;
    const made = await avatarFromFile(file);
    if (!made.ok) setMessage({ text: made.error, error: true });
    else await save({ image: made.base64 }, t('settings.profile.pictureSaved'));
  }

  return (
    <section className="choice account-section" aria-labelledby="account-profile">
      <h3 id="account-profile">{t('settings.profile.title')}</h3>
      <p className={message?.error ? 'field-error' : 'muted'} role="status">
        {message?.text ?? t('settings.profile.intro', { username })}
      </p>
      <div className="avatar-pick">
        <Avatar name={username} size="medium" />
        <label className="button small secondary">
          {t('settings.profile.choosePicture')}
          <input
            type="file"
            className="visually-hidden"
            accept="image/png,image/jpeg,image/webp,image/gif"
            onChange={(event) => void pick(event.currentTarget.files?.[0])}
          />
        </label>
        {profile && profile.avatar > 0 && (
          <button
            type="button"
            className="button small ghost"
            onClick={() => save({ image: null }, t('settings.profile.pictureRemoved'))}
          >
            {t('settings.profile.removePicture')}
          </button>
        )}
      </div>
      {profile && <ProfileFields profile={profile} onSave={save} />}
      <Choice
        legend={t('settings.profile.status')}
        hint={t('settings.profile.statusHint')}
        name="status"
        options={STATUS_OPTIONS}
        value={picked ?? profile?.status ?? 'online'}
        onChange={(status) => {
          setPicked(status);
          void save({ status }, t('settings.profile.statusSaved', { status: statusLabel(status) }));
        }}
      />
      <Choice
        legend={t('settings.away.legend')}
        name="away-after"
        options={AWAY}
        value={String(away)}
        onChange={(value) => {
          const minutes = Number(value) as AwayAfter;
          setAway(minutes);
          setAwayAfterMinutes(minutes);
        }}
      />
    </section>
  );
}

function ProfileFields({
  profile,
  onSave,
}: {
  profile: Profile;
  onSave: (c: ProfileChange, done: string) => void;
}) {
  const [name, setName] = useState(profile.displayName ?? '');
  const [text, setText] = useState(profile.statusText);
  function submit(event: FormEvent) {
    event.preventDefault();
    const displayName = name.trim() === '' ? null : name.trim();
    onSave({ displayName, statusText: text.trim() }, t('settings.profile.saved'));
  }
  return (
    <form className="account-form" onSubmit={submit}>
      <Field
        label={t('settings.profile.displayName')}
        hint={t('settings.profile.displayNameHint', { count: MAX_DISPLAY_NAME_CHARS })}
        value={name}
        maxLength={MAX_DISPLAY_NAME_CHARS}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <Field
        label={t('settings.profile.statusText')}
        hint={t('settings.profile.statusTextHint', { count: MAX_STATUS_TEXT_CHARS })}
        value={text}
        maxLength={MAX_STATUS_TEXT_CHARS}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <button type="submit" className="button small primary">
        {t('settings.profile.save')}
      </button>
    </form>
  );
}
