import { useEffect } from 'react';
import type { Preferences } from '../../src-shared/ipc';

/** The theme picked in Settings, as `data-theme` on the root: the colour tokens (base.css) follow it. */
export function useTheme(theme: Preferences['theme']): void {
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }, [theme]);
}
