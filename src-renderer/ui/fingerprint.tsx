/**
 * The room's certificate fingerprint, for friends to compare with what their app shows when they first
 * connect. Grouped in fours so two people can read it to each other.
 */
export function Fingerprint({
  value,
  label = 'Certificate fingerprint (SHA-256)',
}: {
  value: string;
  label?: string;
}) {
  const pairs = value.split(':');
  const groups: string[] = [];
  for (let i = 0; i < pairs.length; i += 4) groups.push(pairs.slice(i, i + 4).join(':'));
  return (
    <div className="fingerprint">
      <p className="fingerprint-label">{label}</p>
      <p className="fingerprint-value" data-fingerprint={value}>
        {groups.map((group, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the groups of one fingerprint never reorder
          <span key={index}>{group}</span>
        ))}
      </p>
    </div>
  );
}
