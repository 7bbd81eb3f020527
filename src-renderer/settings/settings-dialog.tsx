import { useEffect, useState } from 'react';
import type { Preferences, Session, Settings, StoragePlace } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import { Dialog } from '../ui/dialog';
import { AccountProfile } from './account-profile';
import { AccountSecurity } from './account-security';
import { DeveloperLanguage } from './developer-language';
import { ReadReceipts } from './read-receipts';
import { Choice, Toggle } from './settings-controls';

interface Props {
  settings: Settings;
  /** An account's settings have an account section; a guest's do not. */
  session?: Session | null;
  onClose: () => void;
}

const THEMES = [
  { value: 'system', label: 'Like the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;

const NOTIFICATIONS = [
  { value: 'all', label: 'Every message' },
  { value: 'mentions', label: 'Direct messages and mentions of me' },
  { value: 'none', label: 'None' },
] as const;

/** Preferences take effect as they are picked (no Save button); the main process keeps them. */
export function SettingsDialog({ settings, session, onClose }: Props) {
  const [error, setError] = useState<string | null>(null);
  // Shown as picked at once; the main process's answer (or its refusal) then settles it.
  const [preferences, setPreferences] = useState(settings.preferences);

  async function change(patch: Partial<Preferences>) {
    setPreferences((shown) => ({ ...shown, ...patch }));
    const saved = await window.hearth.setPreferences(patch);
    setPreferences(saved.ok ? saved.value.preferences : settings.preferences);
    setError(saved.ok ? null : saved.error);
  }

  return (
    <Dialog title="Settings" onClose={onClose} className="wide">
      <div className="dialog-body settings-body">
        {error && (
          <p className="field-error" role="alert">
            {asSentence(error)}
          </p>
        )}
        <Choice
          legend="Theme"
          name="theme"
          options={THEMES}
          value={preferences.theme}
          onChange={(theme) => change({ theme })}
        />
        <Choice
          legend="Desktop notifications"
          hint="Only while the Hearth window is in the background; a call rings also while another conversation is open."
          name="notifications"
          options={NOTIFICATIONS}
          value={preferences.notifications}
          onChange={(notifications) => change({ notifications })}
        />
        <fieldset className="choice">
          <legend>Conversations and window</legend>
          <Toggle
            label="Show when people join and leave the room"
            checked={preferences.showJoins}
            onChange={(showJoins) => change({ showJoins })}
          />
          <Toggle
            label="Closing the window keeps Hearth in the tray"
            hint="Friends can still reach you; Quit from the tray icon ends Hearth."
            checked={preferences.closeToTray}
            onChange={(closeToTray) => change({ closeToTray })}
          />
          <Toggle
            label="Start Hearth in the tray"
            checked={preferences.startMinimised}
            onChange={(startMinimised) => change({ startMinimised })}
          />
          <Toggle
            label="Keep photo metadata when sending"
            hint="Off: Hearth removes a JPEG photo's EXIF data (camera, time and GPS location) before it is sent. On: photos go with it."
            checked={preferences.keepPhotoMetadata}
            onChange={(keepPhotoMetadata) => change({ keepPhotoMetadata })}
          />
          <Toggle
            label="Ring when someone calls"
            hint="A ringing sound while a call comes in, except in do not disturb."
            checked={preferences.sounds}
            onChange={(sounds) => change({ sounds })}
          />
        </fieldset>
        {session && !session.guest && (
          <>
            <AccountProfile username={session.username} />
            <ReadReceipts />
            <AccountSecurity username={session.username} />
          </>
        )}
        <StoredWhere />
        <DeveloperLanguage />
      </div>
    </Dialog>
  );
}

/** What Hearth keeps on this computer and where, so nobody has to guess what to back up or delete. */
function StoredWhere() {
  const [places, setPlaces] = useState<StoragePlace[] | null>(null);
  useEffect(() => {
    void window.hearth.storagePlaces().then((found) => setPlaces(found.ok ? found.value : []));
  }, []);
  return (
    <section className="choice" aria-labelledby="stored-where">
      <h3 id="stored-where">What is stored where</h3>
      {places === null ? (
        <p className="muted">Looking…</p>
      ) : (
        <dl className="storage-places">
          {places.map((place) => (
            <div key={place.what}>
              <dt>{place.what}</dt>
              <dd>
                {place.path === null ? (
                  'Not kept: this system offers no keychain, so you log in again at each start.'
                ) : (
                  <code>{place.path}</code>
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
