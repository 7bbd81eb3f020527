// The developer setting that shows the window in another locale: the pseudo-locale (are the layouts ready
// for 40 % longer words?) or Arabic (does the right-to-left layout hold?). It lives in localStorage, not in
// the main process's preferences, because it is about this window's rendering only.
import { intl, LOCALE_SETTING, t } from '../i18n/intl';
import { PSEUDO_LOCALE } from '../i18n/locale';
import { Choice } from './settings-controls';

type Pick = 'system' | typeof PSEUDO_LOCALE | 'ar';

function current(): Pick {
  const stored = localStorage.getItem(LOCALE_SETTING);
  return stored === PSEUDO_LOCALE || stored === 'ar' ? stored : 'system';
}

export function DeveloperLanguage() {
  const options = [
    { value: 'system', label: t('app.language.system', { locale: navigator.language || intl.locale }) },
    { value: PSEUDO_LOCALE, label: t('app.language.pseudo') },
    { value: 'ar', label: t('app.language.arabic') },
  ] as const;
  return (
    <Choice<Pick>
      legend={t('app.language.legend')}
      hint={t('app.language.hint')}
      name="developer-language"
      options={options}
      value={current()}
      onChange={(pick) => {
        if (pick === 'system') localStorage.removeItem(LOCALE_SETTING);
        else localStorage.setItem(LOCALE_SETTING, pick);
        location.reload();
      }}
    />
  );
}
