// Who takes part in a live fuzz run. Fuzz frames name these people on purpose, so that friend requests, direct
// messages and name clashes hit real accounts instead of always failing with "no such user".
export const HONEST_USERS = ['honest_alice', 'honest_bob'] as const;
export const FUZZ_ACCOUNTS = ['fuzz_a', 'fuzz_b', 'fuzz_c', 'fuzz_d'] as const;
export const FUZZ_PASSWORD = 'fuzz account password';
export const KNOWN_NAMES: readonly string[] = [...HONEST_USERS, ...FUZZ_ACCOUNTS, 'server'];
/** The guest that checks the server still serves after the run; deliberately not a known name. */
export const PROBE_NAME = 'after_run_probe';
