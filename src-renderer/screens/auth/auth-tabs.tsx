import { type KeyboardEvent, useRef } from 'react';

export type Mode = 'login' | 'register' | 'guest';

const MODES: { mode: Mode; label: string }[] = [
  { mode: 'login', label: 'Log in' },
  { mode: 'register', label: 'Create account' },
  { mode: 'guest', label: 'Guest' },
];

/** Log in / Create account / Guest, as a tab list: arrow keys move between tabs, as everywhere else. */
export function AuthTabs({ mode, onChoose }: { mode: Mode; onChoose: (mode: Mode) => void }) {
  const tabs = useRef<(HTMLButtonElement | null)[]>([]);

  function onTabKey(event: KeyboardEvent, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + MODES.length) % MODES.length;
    const target = MODES[next];
    if (!target) return;
    onChoose(target.mode);
    tabs.current[next]?.focus();
  }

  return (
    <div className="tabs" role="tablist" aria-label="How to join">
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
          {label}
        </button>
      ))}
    </div>
  );
}
