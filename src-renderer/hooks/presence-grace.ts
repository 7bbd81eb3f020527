/**
 * How long a friend who just went offline is still shown online. A dropped link that reconnects, or a quick
 * re-login, comes back well within it, so the dot does not flicker.
 */
export const PRESENCE_GRACE_MS = 3000;
