// Schema versions, applied in order inside one transaction each. Append new versions; never edit old ones.
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    key TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts INTEGER NOT NULL,
    conv TEXT NOT NULL,
    sender TEXT NOT NULL,
    sender_key TEXT NOT NULL,
    recipient TEXT,
    recipient_key TEXT,
    text TEXT NOT NULL,
    cid TEXT,
    delivered INTEGER NOT NULL DEFAULT 1
  );
  CREATE UNIQUE INDEX messages_sender_cid ON messages (sender_key, cid);
  CREATE INDEX messages_conv_id ON messages (conv, id);
  CREATE INDEX messages_undelivered ON messages (recipient_key, id) WHERE delivered = 0;

  CREATE TABLE friend_requests (
    from_key TEXT NOT NULL,
    to_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (from_key, to_key)
  ) WITHOUT ROWID;
  CREATE INDEX friend_requests_to ON friend_requests (to_key);

  CREATE TABLE friendships (
    user_key TEXT NOT NULL,
    friend_key TEXT NOT NULL,
    since INTEGER NOT NULL,
    PRIMARY KEY (user_key, friend_key)
  ) WITHOUT ROWID;
  `, // Session tokens: only their SHA-256 is kept, so a copy of the database does not log anyone in.
  `
  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_key TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  `, // Blocks, and what limits friend-request churn: recent requests per sender, and declines (a cool-down).
  `
  CREATE TABLE blocks (
    blocker_key TEXT NOT NULL,
    blocked_key TEXT NOT NULL,
    since INTEGER NOT NULL,
    PRIMARY KEY (blocker_key, blocked_key)
  ) WITHOUT ROWID;

  CREATE TABLE friend_request_log (
    from_key TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX friend_request_log_from ON friend_request_log (from_key, at);

  CREATE TABLE friend_declines (
    from_key TEXT NOT NULL,
    to_key TEXT NOT NULL,
    declined_at INTEGER NOT NULL,
    PRIMARY KEY (from_key, to_key)
  ) WITHOUT ROWID;
  `, // Rooms (docs/protocol.md § Rooms). Room 1 is the default room: its messages keep conv 'room', so no
  // existing row is rewritten; other rooms' messages use conv 'r:<id>'. Its first owner is the first account.
  `
  CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT,
    topic TEXT NOT NULL DEFAULT '',
    owner_key TEXT,
    read_only INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    created_by TEXT
  );
  CREATE INDEX rooms_created_by ON rooms (created_by);
  INSERT INTO rooms (id, kind, name, topic, owner_key, created_at)
    VALUES (1, 'default', NULL, '', (SELECT key FROM users ORDER BY created_at, key LIMIT 1),
            CAST(strftime('%s', 'now') AS INTEGER) * 1000);

  CREATE TABLE room_members (
    room_id INTEGER NOT NULL,
    user_key TEXT NOT NULL,
    role TEXT NOT NULL,
    joined_at INTEGER NOT NULL,
    muted_until INTEGER,
    PRIMARY KEY (room_id, user_key)
  ) WITHOUT ROWID;
  CREATE INDEX room_members_user ON room_members (user_key);

  CREATE TABLE room_bans (
    room_id INTEGER NOT NULL,
    user_key TEXT NOT NULL,
    by_key TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_key)
  ) WITHOUT ROWID;

  CREATE TABLE room_invites (
    room_id INTEGER NOT NULL,
    user_key TEXT NOT NULL,
    from_key TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_key)
  ) WITHOUT ROWID;
  CREATE INDEX room_invites_user ON room_invites (user_key);

  CREATE TABLE moderation_log (
    room_id INTEGER NOT NULL,
    actor_key TEXT NOT NULL,
    action TEXT NOT NULL,
    target_key TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX moderation_log_actor ON moderation_log (actor_key, at);

  ALTER TABLE messages ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE messages ADD COLUMN notice TEXT;
  `, // Browsing lists the largest public rooms: counting every room's members per browse cost 5-10 ms at 1,000
  // rooms and 50,000 memberships (docs/performance.md § Rooms), so each room keeps its count, kept by triggers.
  `
  ALTER TABLE rooms ADD COLUMN member_count INTEGER NOT NULL DEFAULT 0;
  UPDATE rooms SET member_count = (SELECT COUNT(*) FROM room_members m WHERE m.room_id = rooms.id);
  CREATE TRIGGER room_members_counted AFTER INSERT ON room_members
    BEGIN UPDATE rooms SET member_count = member_count + 1 WHERE id = NEW.room_id; END;
  CREATE TRIGGER room_members_uncounted AFTER DELETE ON room_members
    BEGIN UPDATE rooms SET member_count = member_count - 1 WHERE id = OLD.room_id; END;
  CREATE INDEX rooms_public_by_size ON rooms (member_count DESC, id) WHERE kind = 'public' AND archived = 0;
  `,
  // Conversation features (docs/protocol.md § Conversation features): replies, edits, mentions, a change
  // number per message from the id sequence (rev, 0 = never changed), reactions, read markers, settings.
  `
  ALTER TABLE messages ADD COLUMN reply_to INTEGER;
  ALTER TABLE messages ADD COLUMN edited_at INTEGER;
  ALTER TABLE messages ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE messages ADD COLUMN mentions TEXT;
  ALTER TABLE messages ADD COLUMN mentions_room INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE messages ADD COLUMN reaction_count INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX messages_rev ON messages (rev) WHERE rev > 0;

  CREATE TABLE reactions (
    message_id INTEGER NOT NULL,
    emoji TEXT NOT NULL,
    user_key TEXT NOT NULL,
    username TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (message_id, emoji, user_key)
  ) WITHOUT ROWID;

  CREATE TABLE read_markers (
    user_key TEXT NOT NULL,
    conv TEXT NOT NULL,
    last_read INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_key, conv)
  ) WITHOUT ROWID;
  CREATE INDEX read_markers_conv ON read_markers (conv);

  CREATE TABLE account_settings (
    user_key TEXT PRIMARY KEY,
    receipts INTEGER NOT NULL DEFAULT 1
  ) WITHOUT ROWID;
  `,
  // Full-text search (docs/protocol.md § Search): an external-content FTS5 index of message text, kept in
  // step by triggers, so it changes in the same transaction (the group commit) as the messages themselves.
  `
  CREATE VIRTUAL TABLE messages_fts USING fts5(
    text, content = 'messages', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
  );
  INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');
  CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages
    BEGIN INSERT INTO messages_fts (rowid, text) VALUES (NEW.id, NEW.text); END;
  CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages
    BEGIN
      INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', OLD.id, OLD.text);
      INSERT INTO messages_fts (rowid, text) VALUES (NEW.id, NEW.text);
    END;
  `,
  // Account and profile (docs/protocol.md § Account and profile): display name, status and avatar per
  // account; the names of deleted accounts, kept so nobody can take one over; sessions found per account
  // (signing out other sessions, changing the password).
  `
  CREATE TABLE profiles (
    user_key TEXT PRIMARY KEY,
    display_name TEXT,
    status TEXT NOT NULL DEFAULT 'online',
    status_text TEXT NOT NULL DEFAULT '',
    avatar BLOB,
    avatar_type TEXT,
    avatar_version INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;

  CREATE TABLE retired_names (
    key TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    deleted_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE INDEX sessions_user ON sessions (user_key);
  `,
  // Declined room invites (docs/protocol.md § Rooms): one row per room and invitee, so a declined invite
  // stays gone on every device and the room cannot invite them again until the cool-down is over.
  `
  CREATE TABLE room_declines (
    room_id INTEGER NOT NULL,
    user_key TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (room_id, user_key)
  ) WITHOUT ROWID;
  `,
  // Guests per room (docs/protocol.md § Rooms): whether a public room lets guests join, off unless its owner
  // or a moderator turns it on. The default room's guests stay the host's start option (--no-guests).
  `
  ALTER TABLE rooms ADD COLUMN guests INTEGER NOT NULL DEFAULT 0;
  `,
  // Files (docs/protocol.md § Files): stored files by content address; which accounts stored which (their
  // quota, and what they may share); uploads in progress, resumable, whose id names the partial file on
  // disk; and the file a message shares (JSON: sha256, name, size, type, thumb).
  `
  CREATE TABLE files (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    stored_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE file_owners (
    user_key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (user_key, sha256)
  ) WITHOUT ROWID;

  CREATE TABLE file_uploads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    user_key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    touched_at INTEGER NOT NULL,
    UNIQUE (user_key, sha256)
  );

  ALTER TABLE messages ADD COLUMN file TEXT;
  `, // A cluster node's place in the shared log (docs/cluster.md): changes other than messages have ids too.
  `
  CREATE TABLE log_cursor (one INTEGER PRIMARY KEY CHECK (one = 1), last_id INTEGER NOT NULL);
  `,
];
