// English words of the formatting helpers (src-renderer/format/).
export const format = {
  'format.today': 'Today',
  'format.yesterday': 'Yesterday',
  'format.bytes': '{count, number} B',
} as const;
