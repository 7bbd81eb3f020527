// The process boundaries are Biome rules (biome.json, overrides per folder). This writes a file with
// deliberate violations into each guarded folder, lints it with the project's own configuration, and checks
// that every violation, in every import form and as a relative path across folders, is reported — and that
// the imports each folder legitimately uses are not. So a loosened rule fails here, not in review.
// The folders are recreated in a scratch directory beside a verbatim copy of biome.json (the overrides match
// paths relative to it), so tests running at the same time that scan the real sources never see a probe.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const root = join(__dirname, '..', '..');
// noCommonJs keeps every import in a syntax the patterns see (they do not apply to require()), and in the
// folders without Node a bare builtin must be written node:… (useNodejsImportProtocol), which the patterns
// catch even in a type-only import (noNodejsModules skips those).
const BOUNDARY_RULES = new Set([
  'lint/style/noRestrictedImports',
  'lint/correctness/noNodejsModules',
  'lint/style/noCommonJs',
  'lint/style/useNodejsImportProtocol',
]);

interface Probe {
  /** Where the scratch file goes, relative to the repository (nested folders check the globs' depth). */
  dir: string;
  forbidden: string[];
  allowed: string[];
}

const PROBES: Probe[] = [
  {
    dir: 'src-renderer/chat',
    forbidden: [
      '../../src-main/service/hearth-service',
      '../../../src-main/electron/ipc',
      './../../src-main',
      'src-main/client/connection',
      'electron',
      'electron/renderer',
      'node:fs',
      'path',
      'node:path',
      'fs',
    ],
    allowed: ['../../src-shared/ipc', '../ui/icons', 'react', 'react-dom/client'],
  },
  {
    dir: 'src-shared',
    forbidden: [
      'node:crypto',
      'events',
      'electron',
      'react',
      'react-dom/client',
      '../src-main/server/server',
      '../src-renderer/app',
    ],
    allowed: ['./limits', 'zod'],
  },
  {
    dir: 'src-main/server/store',
    forbidden: [
      'electron',
      'electron/main',
      '../../electron/tray',
      '../../service/hearth-service',
      '../../client/connection',
      '../../../src-main/service/settings',
      '../../client',
    ],
    allowed: ['../../../src-shared/host-messages', '../options', 'node:fs', 'better-sqlite3'],
  },
  {
    dir: 'src-main/client',
    forbidden: ['electron', 'electron/main', '../electron/secret-store', '../../src-main/electron/ipc'],
    allowed: ['../../src-shared/protocol', './backoff', 'node:tls'],
  },
  {
    dir: 'src-main/service',
    forbidden: ['electron', '../electron/notifications'],
    allowed: ['../client/connection', '../server/server', '../../src-shared/ipc', 'node:path'],
  },
];

/** The ES forms of an import; the rule has to see each of them. */
function esImport(spec: string, index: number): string {
  const forms = [
    `import { a${index} } from '${spec}';`,
    `import type { T${index} } from '${spec}';`,
    `export { e${index} } from '${spec}';`,
    `const d${index} = import('${spec}');`,
    `import '${spec}';`,
  ];
  return forms[index % forms.length] as string;
}

/** Forbidden imports cycle through every form, require() included (refused in itself). */
function probeSource(probe: Probe): string {
  const forbidden = probe.forbidden.map((spec, i) =>
    i % 6 === 5 ? `const r${i} = require('${spec}');` : esImport(spec, i),
  );
  const allowed = probe.allowed.map((spec, i) => esImport(spec, probe.forbidden.length + i));
  return `${[...forbidden, ...allowed].join('\n')}\n`;
}

const scratch = mkdtempSync(join(tmpdir(), 'hearth-boundaries-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
copyFileSync(join(root, 'biome.json'), join(scratch, 'biome.json'));

function writeProbe(probe: Probe): string {
  const relative = `${probe.dir}/boundary-probe.ts`;
  mkdirSync(join(scratch, probe.dir), { recursive: true });
  writeFileSync(join(scratch, relative), probeSource(probe));
  return relative;
}

interface Diagnostic {
  category: string;
  severity: string;
  location: { path: string; start: { line: number } };
}

function lint(files: string[]): Diagnostic[] {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  const run = spawnSync(
    biome,
    ['lint', '--reporter=json', '--max-diagnostics=1000', '--colors=off', ...files],
    {
      cwd: scratch,
      encoding: 'utf8',
    },
  );
  assert.notEqual(run.status, null, `biome did not run: ${run.error?.message ?? run.stderr}`);
  assert.notEqual(run.status, 0, 'the probes contain violations, so biome must fail');
  const report = JSON.parse(run.stdout) as { diagnostics: Diagnostic[] };
  return report.diagnostics.filter((d) => d.severity === 'error' && BOUNDARY_RULES.has(d.category));
}

test('every guarded folder rejects each forbidden import and accepts its own', () => {
  const files = PROBES.map(writeProbe);
  const diagnostics = lint(files);
  PROBES.forEach((probe, i) => {
    const flagged = new Set(
      diagnostics.filter((d) => d.location.path === files[i]).map((d) => d.location.start.line),
    );
    const specs = [...probe.forbidden, ...probe.allowed];
    const report = specs.map((spec, line) => `${flagged.has(line + 1) ? 'flagged' : 'passed '} ${spec}`);
    const expected = specs.map(
      (spec, line) => `${line < probe.forbidden.length ? 'flagged' : 'passed '} ${spec}`,
    );
    assert.deepEqual(report, expected, `imports in ${probe.dir}`);
  });
});
