import { useEffect, useState } from 'react';
import type { Preferences, Session, Settings, StoragePlace } from '../../src-shared/ipc';
import { asSentence } from '../format/sentence';
import type { MessageKey } from '../i18n/catalogue';
import { t } from '../i18n/intl';
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
  { value: 'system', label: 'settings.theme.system' },
  { value: 'light', label: 'settings.theme.light' },
  { value: 'dark', label: 'settings.theme.dark' },
] as const;

const NOTIFICATIONS = [
  { value: 'all', label: 'settings.notifications.all' },
  { value: 'mentions', label: 'settings.notifications.mentions' },
  { value: 'none', label: 'settings.notifications.none' },
] as const;

/** An option table of catalogue keys, in words. */
function shown<V extends string>(options: readonly { value: V; label: MessageKey }[]) {
  return options.map((option) => ({ value: option.value, label: t(option.label) }));
}

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
    <Dialog title={t('chat.sidebar.settings')} onClose={onClose} className="wide">
      <div className="dialog-body settings-body">
        {error && (
          <p className="field-error" role="alert">
            {asSentence(error)}
          </p>
        )}
        <Choice
          legend={t('settings.theme.legend')}
          name="theme"
          options={shown(THEMES)}
          value={preferences.theme}
          onChange={(theme) => change({ theme })}
        />
        <Choice
          legend={t('settings.notifications.legend')}
          hint={t('settings.notifications.hint')}
          name="notifications"
          options={shown(NOTIFICATIONS)}
          value={preferences.notifications}
          onChange={(notifications) => change({ notifications })}
        />
        <fieldset className="choice">
          <legend>{t('settings.window.legend')}</legend>
          <Toggle
            label={t('settings.window.joins')}
            checked={preferences.showJoins}
            onChange={(showJoins) => change({ showJoins })}
          />
          <Toggle
            label={t('settings.window.closeToTray')}
            hint={t('settings.window.closeToTrayHint')}
            checked={preferences.closeToTray}
            onChange={(closeToTray) => change({ closeToTray })}
          />
          <Toggle
            label={t('settings.window.startMinimised')}
            checked={preferences.startMinimised}
            onChange={(startMinimised) => change({ startMinimised })}
          />
          <Toggle
            label={t('settings.window.photoMetadata')}
            hint={t('settings.window.photoMetadataHint')}
            checked={preferences.keepPhotoMetadata}
            onChange={(keepPhotoMetadata) => change({ keepPhotoMetadata })}
          />
          <Toggle
            label={t('settings.window.ring')}
            hint={t('settings.window.ringHint')}
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
      <h3 id="stored-where">{t('settings.stored.title')}</h3>
      {places === null ? (
        <p className="muted">{t('settings.stored.looking')}</p>
      ) : (
        <dl className="storage-places">
          {places.map((place) => (
            <div key={place.what}>
              <dt>{place.what}</dt>
              <dd>{place.path === null ? t('settings.stored.noKeychain') : <code>{place.path}</code>}</dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
