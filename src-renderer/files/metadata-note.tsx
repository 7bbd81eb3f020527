// The sender's note on a photo the app stripped before sending (issue 15, privacy): "Location removed" when
// its EXIF had a GPS position, "Photo details removed" for the rest. Shown on the upload's row and on the
// sent photo; Settings has the switch that keeps metadata instead.
import type { MetadataRemoved } from '../../src-shared/ipc';
import { t } from '../i18n/intl';
import { Icon } from '../ui/icons';

export function MetadataNote({ removed }: { removed: MetadataRemoved | null }) {
  if (removed === null) return null;
  return (
    <span className="metadata-note">
      <Icon name="lock" size={12} />
      {removed === 'location' ? t('files.metadata.location') : t('files.metadata.details')}
    </span>
  );
}
