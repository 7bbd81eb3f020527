import type { ConversationId, RoomSummary } from '../../src-shared/ipc';
import type { FriendEntry } from '../../src-shared/protocol';
import { BrowseRoomsDialog } from './browse-rooms-dialog';
import { CreateRoomDialog } from './create-room-dialog';
import { NewGroupDialog } from './new-group-dialog';
import { RoomSettingsDialog } from './room-settings-dialog';
import type { RoomsView } from './use-rooms';

interface Props {
  rooms: RoomsView;
  /** The open room, for its settings. */
  room: RoomSummary | undefined;
  title: string;
  friends: readonly FriendEntry[];
  onOpen: (conversation: ConversationId) => void;
}

/** Whichever room dialog is open: create, browse, new group, or the open room's settings. */
export function RoomDialogs({ rooms, room, title, friends, onOpen }: Props) {
  const close = () => rooms.setDialog(null);
  switch (rooms.dialog) {
    case 'create':
      return <CreateRoomDialog onClose={close} onCreated={onOpen} />;
    case 'browse':
      return <BrowseRoomsDialog onClose={close} onOpen={onOpen} />;
    case 'group':
      return <NewGroupDialog friends={friends} onClose={close} onCreated={onOpen} />;
    case 'settings':
      return room ? (
        <RoomSettingsDialog
          room={room}
          title={title}
          muted={rooms.muted.includes(room.id)}
          serverGuests={rooms.serverGuests}
          onClose={close}
          onLeft={() => {
            close();
            rooms.left(title);
          }}
        />
      ) : null;
    default:
      return null;
  }
}
