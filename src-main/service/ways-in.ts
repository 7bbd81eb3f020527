// The ways into a room that go beyond typing an address: hosting one and joining it at once, and joining from
// an invite link or the local-network list, pinning the fingerprint they carry.
import { parseInvite } from '../../src-shared/invite';
import type { HostStatus, ServerAddress } from '../../src-shared/ipc';
import { fail, OK, ok, type Result } from '../../src-shared/result';
import type { Hosting, HostRequest } from './hosting';
import { OWN_HOST, type RoomLink } from './room-link';
import type { RoomReach } from './room-reach';

export async function hostAndJoin(
  hosting: Hosting,
  link: RoomLink,
  options: HostRequest,
  disposed: () => boolean,
): Promise<Result<HostStatus>> {
  const started = await hosting.start(options, disposed);
  if (!started.ok) return started;
  const joined = await link.open({ host: OWN_HOST, port: started.value.port }, false);
  if (!joined.ok) return fail(joined.code, `The room is running, but joining it failed: ${joined.error}`);
  return ok(hosting.status);
}

export async function stopHosting(hosting: Hosting, link: RoomLink): Promise<Result> {
  const { port } = hosting.status;
  if (port !== null && link.isTo({ host: OWN_HOST, port })) link.close();
  await hosting.stop();
  return OK;
}

export async function joinInvite(
  link: RoomLink,
  text: string,
): Promise<Result<{ server: ServerAddress; name: string | null }>> {
  const invite = parseInvite(text);
  if (!invite.ok) return invite;
  const { host, port, fingerprint, name } = invite.value;
  const joined = await link.openPinned({ host, port }, fingerprint);
  if (!joined.ok) return joined;
  return ok({ server: { host, port }, name });
}

export async function joinLanRoom(reach: RoomReach, link: RoomLink, id: string | null): Promise<Result> {
  const room = id === null ? null : reach.findLanRoom(id);
  if (!room) return fail('not_found', 'That room is no longer on the local network.');
  return link.openPinned({ host: room.host, port: room.port }, room.fingerprint);
}
