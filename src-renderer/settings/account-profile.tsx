// The account section's profile part: the picture, display name, status with its text, and when idle
// counts as away. The username stays the identity; it is shown beside the display name wherever people
// are told apart.
import { type FormEvent, useState } from 'react';
import { MAX_DISPLAY_NAME_CHARS, MAX_STATUS_TEXT_CHARS, STATUSES } from '../../src-shared/account-limits';
import type { Profile, ProfileChange } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { AWAY_CHOICES, type AwayAfter, awayAfterMinutes, setAwayAfterMinutes } from '../hooks/use-idle-away';
import { statusLabel, useProfile } from '../hooks/use-profiles';
import { Avatar } from '../ui/avatar';
import { Field } from '../ui/field';
import { avatarFromFile } from './avatar-image';
import { Choice } from './settings-controls';

const STATUS_OPTIONS = STATUSES.map((value) => ({ value, label: statusLabel(value) }));
const AWAY = AWAY_CHOICES.map((value) => ({
  value: String(value),
  label: value === 0 ? 'Never' : `After ${value} minutes without input`,
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
    else await save({ image: made.base64 }, 'Picture saved.');
  }

  return (
    <section className="choice account-section" aria-labelledby="account-profile">
      <h3 id="account-profile">Your profile</h3>
      <p className={message?.error ? 'field-error' : 'muted'} role="status">
        {message?.text ?? `Others see your display name with your username, @${username}, beside it.`}
      </p>
      <div className="avatar-pick">
        <Avatar name={username} size="medium" />
        <label className="button small secondary">
          Choose a picture…
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
            onClick={() => save({ image: null }, 'Picture removed.')}
          >
            Remove picture
          </button>
        )}
      </div>
      {profile && <ProfileFields profile={profile} onSave={save} />}
      <Choice
        legend="Status"
        hint="Shown beside your name while you are online. Do not disturb also silences desktop notifications."
        name="status"
        options={STATUS_OPTIONS}
        value={picked ?? profile?.status ?? 'online'}
        onChange={(status) => {
          setPicked(status);
          void save({ status }, `Status: ${statusLabel(status)}.`);
        }}
      />
      <Choice
        legend="Show me as away"
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
    onSave({ displayName, statusText: text.trim() }, 'Profile saved.');
  }
  return (
    <form className="account-form" onSubmit={submit}>
      <Field
        label="Display name"
        hint={`Up to ${MAX_DISPLAY_NAME_CHARS} characters, any script. Empty: your username shows.`}
        value={name}
        maxLength={MAX_DISPLAY_NAME_CHARS}
        onChange={(event) => setName(event.currentTarget.value)}
      />
      <Field
        label="Status text"
        hint={`Optional, up to ${MAX_STATUS_TEXT_CHARS} characters.`}
        value={text}
        maxLength={MAX_STATUS_TEXT_CHARS}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <button type="submit" className="button small primary">
        Save profile
      </button>
    </form>
  );
}
