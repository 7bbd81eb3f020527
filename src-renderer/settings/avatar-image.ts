// A picture the user chose, made into an avatar here in the renderer: decoded by the browser (never by the
// room), cropped to a centred square, scaled to 128×128 on a canvas and encoded as WebP (PNG where WebP
// encoding is missing), then sent as base64. The room checks its size and magic bytes again.
import { AVATAR_SIDE_PX, MAX_AVATAR_BYTES } from '../../src-shared/account-limits';
import { t } from '../i18n/intl';

export type AvatarFile = { ok: true; base64: string } | { ok: false; error: string };

/** Pictures bigger than this are refused before decoding: a phone photo is a few MB, not hundreds. */
const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

export async function avatarFromFile(file: Blob): Promise<AvatarFile> {
  if (file.size > MAX_SOURCE_BYTES) return { ok: false, error: t('settings.avatar.tooBig') };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { ok: false, error: t('settings.avatar.unreadable') };
  }
  const canvas = document.createElement('canvas');
  canvas.width = AVATAR_SIDE_PX;
  canvas.height = AVATAR_SIDE_PX;
  const context = canvas.getContext('2d');
  if (!context) return { ok: false, error: t('settings.avatar.noCanvas') };
  const side = Math.min(bitmap.width, bitmap.height);
  context.drawImage(
    bitmap,
    (bitmap.width - side) / 2,
    (bitmap.height - side) / 2,
    side,
    side,
    0,
    0,
    AVATAR_SIDE_PX,
    AVATAR_SIDE_PX,
  );
  bitmap.close();
  const blob = (await encode(canvas, 'image/webp')) ?? (await encode(canvas, 'image/png'));
  if (!blob) return { ok: false, error: t('settings.avatar.encodeFailed') };
  if (blob.size > MAX_AVATAR_BYTES) return { ok: false, error: t('settings.avatar.stillTooBig') };
  return { ok: true, base64: toBase64(new Uint8Array(await blob.arrayBuffer())) };
}

/** The canvas as that type, or null when the browser encodes another type instead. */
function encode(canvas: HTMLCanvasElement, type: string): Promise<Blob | null> {
  return new Promise((resolve) =>
    canvas.toBlob((blob) => resolve(blob && blob.type === type ? blob : null), type, 0.85),
  );
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}
