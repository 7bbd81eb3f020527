// Running a search as the person types: a moment after the last change (not on every keystroke), the
// newest answer only (an older query answering late is dropped), and "more" pages on from the last result.
import { useEffect, useRef, useState } from 'react';
import type { ChatMessage, SearchQuery } from '../../src-shared/ipc';

const SETTLE_MS = 250;

export interface SearchState {
  results: ChatMessage[];
  more: boolean;
  busy: boolean;
  error: string | null;
  /** Whether a query was run at all (the field was not empty). */
  asked: boolean;
  loadMore: () => void;
}

export function useSearch(query: Omit<SearchQuery, 'before' | 'limit'>): SearchState {
  const [results, setResults] = useState<ChatMessage[]>([]);
  const [more, setMore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = query.query.trim() !== '';
  const run = useRef(0);
  const { query: words, conversation, from } = query;

  async function ask(before: number | undefined, into: ChatMessage[]) {
    const mine = ++run.current;
    setBusy(true);
    const found = await window.hearth.search({
      query: words,
      ...(conversation ? { conversation } : {}),
      ...(from ? { from } : {}),
      ...(before ? { before } : {}),
    });
    if (mine !== run.current) return;
    setBusy(false);
    setError(found.ok ? null : found.error);
    setResults(found.ok ? [...into, ...found.value.messages] : into);
    setMore(found.ok && found.value.more);
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new search exactly when the query changes
  useEffect(() => {
    run.current++;
    if (words.trim() === '') {
      setResults([]);
      setMore(false);
      setBusy(false);
      setError(null);
      return;
    }
    const timer = setTimeout(() => void ask(undefined, []), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [words, conversation, from]);

  const loadMore = () => {
    const last = results.at(-1)?.id;
    if (more && !busy && last) void ask(last, results);
  };
  return { results, more, busy, error, asked, loadMore };
}
