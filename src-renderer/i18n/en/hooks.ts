// English messages of the hooks' words: presence, sign-out reasons, the window title (src-renderer/hooks/).
export const hooks = {
  'hooks.status.online': 'Online',
  'hooks.status.away': 'Away',
  'hooks.status.dnd': 'Do not disturb',
  'hooks.status.offline': 'Offline',
  'hooks.status.withText': '{status}: {text}',
  'hooks.signedOut.password':
    'You were signed out: the password of this account was changed on another device.',
  'hooks.signedOut.elsewhere': 'You were signed out from another device.',
  'hooks.signedOut.deleted': 'You were signed out: this account was deleted on another device.',
  'hooks.unread.title': '{count, plural, =0 {Hearth} other {(#) Hearth}}',
} as const;
