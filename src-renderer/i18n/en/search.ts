// English messages of the message search (src-renderer/search/).
export const search = {
  'search.title': 'Search messages',
  'search.words': 'Search for',
  'search.more': 'More results',
  'search.help': 'Words must all appear; end one with * to match its start (pump* finds pumpkin).',
  'search.busy': 'Searching…',
  'search.none': 'No messages match.',
  'search.foundMore':
    '{count, plural, one {#+ message found. Enter opens the chosen one.} other {#+ messages found. Enter opens the chosen one.}}',
  'search.found':
    '{count, plural, one {# message found. Enter opens the chosen one.} other {# messages found. Enter opens the chosen one.}}',
  'search.in': 'In',
  'search.everywhere': 'All conversations',
  'search.from': 'From',
  'search.anyone': 'Anyone',
  'search.results': 'Results',
} as const;
