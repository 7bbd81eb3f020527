// The built renderer as the Electron shell will load it: relative asset URLs (it is served from a custom
// scheme or a file), a strict CSP in the page itself, and nothing inline that the CSP would have to allow.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { buildRenderer } from './harness';

const ROOT = join(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('the built index.html carries a strict CSP and loads only relative, external files', () => {
  const out = buildRenderer();
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.ok(csp, 'a CSP meta tag');
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
  assert.equal(directives.get('default-src'), "'self'");
  assert.equal(directives.get('script-src'), "'self'");
  assert.equal(directives.get('style-src'), "'self'");
  assert.equal(directives.get('connect-src'), "'self'");
  assert.equal(directives.get('img-src'), "'self' data:");
  assert.equal(directives.get('object-src'), "'none'");
  assert.equal(directives.get('base-uri'), "'none'");
  assert.equal(directives.get('form-action'), "'none'");
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:/);

  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length > 0);
  for (const [, attributes = '', body = ''] of scripts) {
    assert.match(attributes, /\bsrc="\.\/assets\/[^"]+\.js"/, 'scripts come from files, by relative URL');
    assert.equal(body.trim(), '', 'no inline script');
  }
  assert.doesNotMatch(html, /<style\b/, 'no inline style element');
  assert.doesNotMatch(html, /\sstyle=/, 'no style attribute');
  assert.doesNotMatch(html, /(src|href)="\/(?!\/)/, 'no root-absolute URLs');

  const assets = filesUnder(join(out, 'assets')).map((f) => relative(out, f));
  assert.ok(
    assets.some((f) => f.endsWith('.css')),
    'styles are emitted as a file',
  );
  for (const css of assets.filter((f) => f.endsWith('.css'))) {
    assert.doesNotMatch(readFileSync(join(out, css), 'utf8'), /@import\s+url\(["']?https?:/);
  }
});

test('renderer sources never write HTML and never reach into the main process', () => {
  const sources = filesUnder(join(ROOT, 'src-renderer')).filter((f) => /\.(ts|tsx)$/.test(f));
  assert.ok(sources.length > 10);
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    const name = relative(ROOT, file);
    assert.doesNotMatch(
      text,
      /dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/,
      name,
    );
    assert.doesNotMatch(text, /from ['"][./]*src-main\//, `${name} imports src-main`);
    assert.doesNotMatch(
      text,
      /from ['"](electron|node:[a-z]+|fs|path|net)['"]/,
      `${name} imports Node or Electron`,
    );
  }
});
