// English messages of the app's frame: loading, the developer language setting.
export const app = {
  'app.loading': 'Loading Hearth…',
  'app.language.legend': 'Language (for developers)',
  'app.language.hint': 'The window reloads in the chosen language. Dates and numbers follow it too.',
  'app.language.system': 'The system language ({locale})',
  'app.language.pseudo': 'Pseudo-locale: 40 % longer, accented',
  'app.language.arabic': 'Arabic, right to left (partly translated)',
} as const;
