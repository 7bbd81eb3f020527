import { type KeyboardEvent, useRef } from 'react';
import type { MessageKey } from '../../i18n/catalogue';
import { t } from '../../i18n/intl';

export type Mode = 'login' | 'register' | 'guest';

const MODES: { mode: Mode; label: MessageKey }[] = [
  { mode: 'login', label: 'screens.auth.logIn' },
  { mode: 'register', label: 'screens.auth.createAccount' },
  { mode: 'guest', label: 'screens.auth.guestTab' },
];

/** Log in / Create account / Guest, as a tab list: arrow keys move between tabs, as everywhere else. */
export function AuthTabs({ mode, onChoose }: { mode: Mode; onChoose: (mode: Mode) => void }) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function onTabKey(event: KeyboardEvent, index: number) {
    // The arrows follow the tabs on screen: right to left, ArrowLeft goes to the next one.
    const forward = document.dir === 'rtl' ? 'ArrowLeft' : 'ArrowRight';
    const back = document.dir === 'rtl' ? 'ArrowRight' : 'ArrowLeft';
    const step = event.key === forward ? 1 : event.key === back ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + MODES.length) % MODES.length;
    const target = MODES[next];
    if (!target) return;
    onChoose(target.mode);
    tabs.current[next]?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label={t('screens.auth.howToJoin')}>
      {MODES.map(({ mode: m, label }, index) => (
        <button
          key={m}
          ref={(el) => {
            tabs.current[index] = el;
          }}
          type="button"
          role="tab"
          id={`tab-${m}`}
          aria-selected={mode === m}
          aria-controls="auth-panel"
          tabIndex={mode === m ? 0 : -1}
          className="tab"
          onClick={() => onChoose(m)}
          onKeyDown={(e) => onTabKey(e, index)}
        >
          {t(label)}
        </button>
      ))}
    </div>
  );
}
