/** Marks a guest's name wherever it appears: a guest named "admin" must not pass for an account holder. */
export function GuestBadge() {
  return (
    <span className="guest-badge" title="Guest: no account on this server">
      guest
    </span>
  );
}
