// Who is in the room right now: every logged-in connection, grouped by user (one user may have several).
import type { Connection } from './connection';

interface OnlineUser {
  username: string;
  connections: Connection[];
}

export class Online {
  /** Every logged-in connection: the room's audience. */
  readonly members = new Set<Connection>();
  private readonly users = new Map<string, OnlineUser>();

  /** Returns true when this is the user's first connection (they just came online). */
  add(connection: Connection): boolean {
    const user = connection.user;
    if (!user) throw new Error('only logged-in connections join the room');
    this.members.add(connection);
    const entry = this.users.get(user.key);
    if (entry) {
      entry.connections.push(connection);
      return false;
    }
    this.users.set(user.key, { username: user.username, connections: [connection] });
    return true;
  }

  /** Returns true when this was the user's last connection (they just went offline). */
  remove(connection: Connection): boolean {
    const user = connection.user;
    if (!user || !this.members.delete(connection)) return false;
    const entry = this.users.get(user.key);
    if (!entry) return false;
    entry.connections = entry.connections.filter((c) => c !== connection);
    if (entry.connections.length > 0) return false;
    this.users.delete(user.key);
    return true;
  }

  isOnline(key: string): boolean {
    return this.users.has(key);
  }

  connectionsOf(key: string): readonly Connection[] {
    return this.users.get(key)?.connections ?? [];
  }

  get userCount(): number {
    return this.users.size;
  }

  /** Up to `limit` display names other than `exceptKey`'s, in no particular order (cheap in a big room). */
  someUsernames(limit: number, exceptKey: string): string[] {
    const names: string[] = [];
    for (const [key, user] of this.users) {
      if (names.length >= limit) break;
      if (key !== exceptKey) names.push(user.username);
    }
    return names;
  }

  /** Key and display name of everyone online. */
  *everyone(): IterableIterator<[string, string]> {
    for (const [key, user] of this.users) yield [key, user.username];
  }

  /** Display names, sorted case-insensitively. */
  usernames(): string[] {
    return [...this.users.values()]
      .map((u) => u.username)
      .sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
  }

  /** Send one line to every connection of a user. */
  sendToUser(key: string, line: string | Buffer, except?: Connection): void {
    for (const c of this.connectionsOf(key)) if (c !== except) c.send(line);
  }
}
