import { type FormEvent, type ReactNode, useState } from 'react';
import type { ServerAddress } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { Field } from '../ui/field';
import { parsePort } from './port';

interface Props {
  /** What the fields start with: the last room used. */
  initial: ServerAddress;
  busy: boolean;
  /** Shown between the fields and the button: why the last attempt failed. */
  outcome: ReactNode;
  /** A new attempt begins: earlier outcomes are no longer news. */
  onAttempt: () => void;
  onConnect: (server: ServerAddress) => void;
}

/** Address and port of a room, checked in place before anything is sent. */
export function JoinForm({ initial, busy, outcome, onAttempt, onConnect }: Props) {
  const [host, setHost] = useState(initial.host);
  const [port, setPort] = useState(String(initial.port));
  const [hostError, setHostError] = useState<string | null>(null);
  const [portError, setPortError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    onAttempt();
    const name = host.trim();
    const parsed = parsePort(port);
    setHostError(name ? null : t('screens.join.hostMissing'));
    setPortError('error' in parsed ? parsed.error : null);
    if (!name || 'error' in parsed) return;
    onConnect({ host: name, port: parsed.port });
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="join-title">
      <h2 id="join-title">{t('screens.join.title')}</h2>
      <div className="row">
        <Field
          className="grow"
          label={t('screens.join.address')}
          value={host}
          onChange={(e) => {
            setHost(e.target.value);
            setHostError(null);
          }}
          error={hostError}
          autoComplete="off"
          spellCheck={false}
          placeholder={t('screens.join.addressPlaceholder')}
        />
        <Field
          className="port"
          label={t('screens.port.label')}
          value={port}
          onChange={(e) => {
            setPort(e.target.value);
            setPortError(null);
          }}
          error={portError}
          inputMode="numeric"
          autoComplete="off"
        />
      </div>
      {outcome}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('screens.join.connecting') : t('screens.join.connect')}
      </button>
    </form>
  );
}
