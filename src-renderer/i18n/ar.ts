// Arabic, partly translated (the main screens' words): it exists to see the right-to-left layout with real
// Arabic. A key it lacks shows in English; English stays the complete catalogue.
import type { MessageKey } from './catalogue';

export const ARABIC: Partial<Record<MessageKey, string>> = {
  'app.loading': 'جارٍ تحميل Hearth…',
};
