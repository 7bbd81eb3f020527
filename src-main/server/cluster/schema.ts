// The shared log's schema in PostgreSQL (docs/cluster.md), applied in order under an advisory lock so that
// nodes starting together migrate once. `log_head` holds the last id: hearth_append locks it, numbers the
// batch's new messages after it with no gap, answers a retried (sender, cid) with the earlier id, and sends
// NOTIFY in the same transaction, so the notifications arrive in commit order, which is id order.
import type { Pool } from 'pg';
import { PRESENCE_CHANNEL } from './presence-rows';

/** The channel every node listens on; the payload is the log head after the commit. */
export const LOG_CHANNEL = 'hearth_log';

const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE log_head (one boolean PRIMARY KEY DEFAULT true CHECK (one), last_id bigint NOT NULL);
  INSERT INTO log_head (one, last_id) VALUES (true, 0);
  CREATE TABLE messages (
    id bigint PRIMARY KEY,
    ts bigint NOT NULL,
    conv text NOT NULL,
    sender text NOT NULL,
    sender_key text NOT NULL,
    recipient text,
    recipient_key text,
    text text NOT NULL,
    cid text,
    delivered boolean NOT NULL,
    notice text,
    reply_to bigint,
    mentions text[],
    mentions_room boolean NOT NULL,
    file text,
    node text NOT NULL
  );
  CREATE UNIQUE INDEX messages_sender_cid ON messages (sender_key, cid) WHERE cid IS NOT NULL;
  CREATE FUNCTION hearth_append(batch jsonb, origin text)
    RETURNS TABLE (out_id bigint, out_ts bigint, out_duplicate boolean)
    LANGUAGE plpgsql AS $$
  DECLARE
    head bigint;
    first_new bigint;
    m jsonb;
    earlier_id bigint;
    earlier_ts bigint;
  BEGIN
    SELECT last_id INTO head FROM log_head FOR UPDATE;
    first_new := head + 1;
    FOR m IN SELECT e.value FROM jsonb_array_elements(batch) WITH ORDINALITY AS e(value, n) ORDER BY e.n LOOP
      IF m->>'cid' IS NOT NULL THEN
        SELECT l.id, l.ts INTO earlier_id, earlier_ts FROM messages l
          WHERE l.sender_key = m->>'senderKey' AND l.cid = m->>'cid';
        IF FOUND THEN
          out_id := earlier_id; out_ts := earlier_ts; out_duplicate := true;
          RETURN NEXT;
          CONTINUE;
        END IF;
      END IF;
      head := head + 1;
      INSERT INTO messages (id, ts, conv, sender, sender_key, recipient, recipient_key, text, cid, delivered,
                            notice, reply_to, mentions, mentions_room, file, node)
      VALUES (head, (m->>'timestamp')::bigint, m->>'conv', m->>'sender', m->>'senderKey', m->>'recipient',
              m->>'recipientKey', m->>'text', m->>'cid', (m->>'delivered')::boolean, m->>'notice',
              (m->>'replyTo')::bigint, ARRAY(SELECT jsonb_array_elements_text(m->'mentions')),
              COALESCE((m->>'mentionsRoom')::boolean, false), m->>'file', origin);
      out_id := head; out_ts := (m->>'timestamp')::bigint; out_duplicate := false;
      RETURN NEXT;
    END LOOP;
    IF head >= first_new THEN
      UPDATE log_head SET last_id = head;
      PERFORM pg_notify('${LOG_CHANNEL}', head::text);
    END IF;
  END $$;
  `,
  // Accounts and session tokens every node knows (cluster/shared-accounts.ts); each node keeps a copy.
  `
  CREATE TABLE users (key text PRIMARY KEY, username text NOT NULL, password_hash text NOT NULL);
  CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_key text NOT NULL REFERENCES users (key) ON DELETE CASCADE,
    expires_at bigint NOT NULL
  );
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  `,
  // Changes to shared state other than messages (cluster/replicated-store.ts), numbered in the same
  // sequence as the messages so that every node applies both in one order; room ids every node agrees on.
  `
  CREATE TABLE changes (id bigint PRIMARY KEY, change text NOT NULL, node text NOT NULL);
  CREATE SEQUENCE room_ids START 2;
  CREATE FUNCTION hearth_change(change text, origin text) RETURNS bigint LANGUAGE plpgsql AS $$
  DECLARE
    head bigint;
  BEGIN
    UPDATE log_head SET last_id = last_id + 1 RETURNING last_id INTO head;
    INSERT INTO changes (id, change, node) VALUES (head, change, origin);
    PERFORM pg_notify('${LOG_CHANNEL}', head::text);
    RETURN head;
  END $$;
  `,
  // Presence (cluster/presence-rows.ts): a row per account per node it is connected to, each node's
  // heartbeat, and a reaper run by every heartbeat. Every change is NOTIFYed in its transaction.
  `
  CREATE TABLE nodes (node text PRIMARY KEY, seen_at timestamptz NOT NULL);
  CREATE TABLE presence (node text NOT NULL, user_key text NOT NULL, PRIMARY KEY (node, user_key));
  CREATE FUNCTION hearth_presence(origin text, key text, online boolean) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF online THEN
      INSERT INTO presence (node, user_key) VALUES (origin, key) ON CONFLICT DO NOTHING;
    ELSE
      DELETE FROM presence WHERE node = origin AND user_key = key;
    END IF;
    PERFORM pg_notify('${PRESENCE_CHANNEL}', origin || E'\t' || key || E'\t' || CASE WHEN online THEN '1' ELSE '0' END);
  END $$;
  CREATE FUNCTION hearth_presence_reset(origin text) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM presence WHERE node = origin;
    DELETE FROM nodes WHERE node = origin;
    PERFORM pg_notify('${PRESENCE_CHANNEL}', origin || E'\t\t0');
  END $$;
  CREATE FUNCTION hearth_presence_rewrite(origin text, keys text[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    DELETE FROM presence WHERE node = origin;
    PERFORM pg_notify('${PRESENCE_CHANNEL}', origin || E'\t\t0');
    INSERT INTO presence (node, user_key) SELECT origin, k FROM unnest(keys) AS k;
    PERFORM pg_notify('${PRESENCE_CHANNEL}', origin || E'\t' || k || E'\t1') FROM unnest(keys) AS k;
  END $$;
  CREATE FUNCTION hearth_heartbeat(origin text, grace_ms bigint) RETURNS boolean LANGUAGE plpgsql AS $$
  DECLARE
    known boolean;
    dead text;
  BEGIN
    UPDATE nodes SET seen_at = clock_timestamp() WHERE node = origin;
    known := FOUND;
    IF NOT known THEN
      INSERT INTO nodes (node, seen_at) VALUES (origin, clock_timestamp());
    END IF;
    FOR dead IN
      DELETE FROM nodes WHERE seen_at < clock_timestamp() - grace_ms * interval '1 millisecond' RETURNING node
    LOOP
      DELETE FROM presence WHERE node = dead;
      PERFORM pg_notify('${PRESENCE_CHANNEL}', dead || E'\t\t0');
    END LOOP;
    RETURN known;
  END $$;
  `,
];

/** Brings the database to the newest schema; safe when several nodes start at once. */
export async function migrate(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('hearth_migrations'))");
    await client.query(
      'CREATE TABLE IF NOT EXISTS hearth_migrations (version int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM hearth_migrations',
    );
    for (let version = (rows[0]?.v ?? 0) + 1; version <= MIGRATIONS.length; version++) {
      await client.query(MIGRATIONS[version - 1] as string);
      await client.query('INSERT INTO hearth_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
