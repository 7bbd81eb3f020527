// docs/architecture.md § "Where is…" maps behaviour to files. It must name every source file (so a newcomer
// finds anything in one hop) and nothing that is gone (so it never sends them to a dead end).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT, sourceFiles } from './source-files';

const HEADING = '## Where is…';

/** The file cell (the last) of every row of the section's tables, which must be one `path`. */
function indexedFiles(markdown: string): string[] {
  const start = markdown.indexOf(`\n${HEADING}\n`);
  assert.notEqual(start, -1, `docs/architecture.md has a "${HEADING}" section`);
  const rest = markdown.slice(start + HEADING.length + 2);
  const end = rest.search(/^## /m);
  const rows = (end === -1 ? rest : rest.slice(0, end)).split('\n').filter((line) => line.startsWith('|'));
  return rows.flatMap((row) => {
    const cells = row.split('|').map((cell) => cell.trim());
    const file = cells[cells.length - 2] ?? '';
    if (/^-+$/.test(file) || file === 'File') return [];
    const path = /^`([^`]+)`$/.exec(file)?.[1];
    assert.ok(path, `the last cell of "${row}" is one \`path\``);
    return [path];
  });
}

test('the index reads the file column, and only a backticked path', () => {
  const doc = (rows: string) =>
    `# A\n\n${HEADING}\n\n| Behaviour | File |\n| --- | --- |\n${rows}\n## Next\n| x | \`y.ts\` |\n`;
  assert.deepEqual(
    indexedFiles(doc('| framing | `src-shared/framing.ts` |\n| ipc | `src-shared/ipc.ts` |')),
    ['src-shared/framing.ts', 'src-shared/ipc.ts'],
  );
  assert.throws(() => indexedFiles(doc('| framing | src-shared/framing.ts |')), /one `path`/);
  assert.throws(() => indexedFiles('# A\n'), /has a/);
});

test('docs/architecture.md § Where is… names every source file, once, and only files that exist', () => {
  const listed = indexedFiles(readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8'));
  const files = sourceFiles();
  const missing = files.filter((file) => !listed.includes(file));
  const gone = listed.filter((file) => !files.includes(file));
  const twice = listed.filter((file, i) => listed.indexOf(file) !== i);
  assert.deepEqual(
    { missing, gone, twice },
    { missing: [], gone: [], twice: [] },
    'add (or remove) a row in docs/architecture.md § Where is… for each file named here',
  );
});
