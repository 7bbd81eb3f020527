/**
 * Server and system errors arrive in varying case; people read them as sentences. A sentence that starts
 * with one of `names` (usernames) keeps that name as it is spelt: `bob is already your friend`.
 */
export function asSentence(text: string, names: readonly string[] = []): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const first = /^[\p{L}\p{N}_]+/u.exec(trimmed)?.[0];
  const isName = first !== undefined && names.some((name) => name.toLowerCase() === first.toLowerCase());
  const capital = isName ? trimmed : trimmed[0]?.toUpperCase() + trimmed.slice(1);
  return /[.!?…)]$/.test(capital) ? capital : `${capital}.`;
}
