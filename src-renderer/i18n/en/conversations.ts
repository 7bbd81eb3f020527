// English messages of the timeline's own lines and the screen-reader announcements (src-renderer/conversations/).
export const conversations = {
  'conversations.arrivals.others': '{count, plural, one {# other} other {# others}}',
  'conversations.arrivals.one': '{name}: {words}',
  'conversations.arrivals.oneEmpty': 'New message from {name}',
  'conversations.arrivals.many':
    '{count, plural, one {# new message from {senders}} other {# new messages from {senders}}}',
  'conversations.crowd.joined': '{people} joined',
  'conversations.crowd.left': '{people} left',
} as const;
