import { t } from '../i18n/intl';

/**
 * The room's certificate fingerprint, for friends to compare with what their app shows when they first
 * connect. Grouped in fours so two people can read it to each other; against `compareTo`, the groups that
 * differ are marked.
 */
export function Fingerprint({
  value,
  label = t('ui.fingerprint.label'),
  compareTo,
}: {
  value: string;
  label?: string;
  compareTo?: string;
}) {
  const groups = groupsOf(value);
  const other = compareTo === undefined ? null : groupsOf(compareTo);
  return (
    <div className="fingerprint">
      <p className="fingerprint-label">{label}</p>
      <p className="fingerprint-value" data-fingerprint={value}>
        {groups.map((group, index) => {
          const differs = other !== null && other[index] !== group;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one fingerprint never reorder
            <span key={index} className={differs ? 'differs' : undefined}>
              {group}
            </span>
          );
        })}
      </p>
    </div>
  );
}

function groupsOf(fingerprint: string): string[] {
  const pairs = fingerprint.split(':');
  const groups: string[] = [];
  for (let i = 0; i < pairs.length; i += 4) groups.push(pairs.slice(i, i + 4).join(':'));
  return groups;
}
