// English messages of the emoji picker (src-renderer/emoji/).
export const emoji = {
  'emoji.loadFailed': 'The emoji list could not be loaded.',
  'emoji.search': 'Search emoji',
  'emoji.searchPlaceholder': 'Search emoji (fire, :+1:, smile)',
  'emoji.recent': 'Recently used',
  'emoji.all': 'All emoji',
  'emoji.none': 'No emoji match “{query}”.',
} as const;
