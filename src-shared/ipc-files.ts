// The files part of the contract between the renderer and the main process (docs/protocol.md § Files):
// attach a file the user picked, dropped or pasted (the window hands its bytes over, never a path), follow
// each transfer's progress, cancel it, save a received file where the user chooses (the name sanitised),
// show it in its folder, and read a received image for the viewer. Nothing is ever opened automatically.
// Joined into HearthInvoke, HearthEvents and ipcContract in ipc.ts. A file message is ChatMessage.file.
import type { ConversationId } from './ipc-types';
import type { Result } from './result';

/** One file sent or received, as the window shows its progress bar. */
export interface FileTransfer {
  /** A send's id (its share's cid), or `down:<message id>` for a download. */
  id: string;
  direction: 'up' | 'down';
  conversation: ConversationId;
  name: string;
  size: number;
  /**
   * `waiting`: for the room (offline; it resumes after the reconnect from where it stopped). `moving`: bytes
   * going. `sharing`: stored, the message is on its way. `done`, `failed` (error says why), `cancelled`.
   */
  state: 'waiting' | 'moving' | 'sharing' | 'done' | 'failed' | 'cancelled';
  done: number;
  /** Over the last few seconds; 0 while unknown. */
  bytesPerSecond: number;
  secondsLeft: number | null;
  error: string | null;
  /** The message that shares the file, once there is one. */
  messageId: number | null;
  /**
   * What the app took out of a JPEG before sending it (issue 15, privacy): `location` when its EXIF had a
   * GPS position (the rest went too), `details` for other metadata only (camera, times, comments). null:
   * nothing (a download, not a JPEG, none in it, or the user keeps photo metadata).
   */
  metadataRemoved: MetadataRemoved | null;
}

export type MetadataRemoved = 'location' | 'details';

export interface AttachedFile {
  conversation: ConversationId;
  /** As the user's system named it; shown as text, sanitised where it must be a file name. */
  name: string;
  /** The MIME type the window saw (`application/octet-stream` when it did not know). */
  type: string;
  bytes: Uint8Array;
  /** A small PNG/JPEG/WebP the window made of an image (canvas), base64; the room never decodes images. */
  thumb?: string;
  replyTo?: number;
}

export interface FilesInvoke {
  /**
   * Send a file: it is kept in the outbox on disk (JPEG photos without their EXIF/GPS metadata unless the
   * user keeps it, see Preferences.keepPhotoMetadata), uploaded, and shared as a message. Progress comes as
   * `fileTransfer` with the id answered here; without a link it waits and resumes after the reconnect.
   */
  attachFile(file: AttachedFile): Promise<Result<{ id: string }>>;
  /** Stop a send (before its message went) or a download. */
  cancelTransfer(id: string): Promise<Result>;
  /** Every send still in the outbox and every download under way (after a restart, say). */
  listTransfers(): Promise<Result<FileTransfer[]>>;
  /** Ask where to save the file of message `id` (its name sanitised), then download and verify it there. */
  saveFile(id: number): Promise<Result<{ name: string } | null>>;
  /** Show a file this app saved in the system's file manager. */
  openFolder(id: number): Promise<Result>;
  /**
   * The image of message `id` for the viewer, as a `data:` URL of its checked type (downloaded and verified;
   * the main process only checks its first bytes, the window decodes it). `limit_reached` past 32 MB.
   */
  loadImage(id: number): Promise<Result<{ type: string; url: string }>>;
}

export interface FilesEvents {
  fileTransfer: FileTransfer;
}

export const filesChannels = {
  invoke: {
    attachFile: 'hearth:attachFile',
    cancelTransfer: 'hearth:cancelTransfer',
    listTransfers: 'hearth:listTransfers',
    saveFile: 'hearth:saveFile',
    openFolder: 'hearth:openFolder',
    loadImage: 'hearth:loadImage',
  },
  events: {
    fileTransfer: 'hearth:event:fileTransfer',
  },
} as const satisfies {
  invoke: { [K in keyof FilesInvoke]: string };
  events: { [K in keyof FilesEvents]: string };
};
