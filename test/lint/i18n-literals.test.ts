// No English left outside the catalogue: in every renderer file, words in JSX text, in the attributes that
// people see or hear (aria-label, title, placeholder, alt, and the app's own label/legend/hint props), in
// `{cond ? 'Yes' : 'No'}` children and attribute values, and in `label:`-like properties of option tables,
// must come from t()/tx() (docs/i18n.md). Non-words (·, ×, /, @) and the product's name pass.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { ROOT, sourceFiles } from './source-files';

const SEEN_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'legend',
  'hint',
  'detail',
  'error',
  'emptyHint',
  'beginning',
]);
/** The same in every language: the product's name, and the invite link's scheme as an example. */
const ALLOWED = new Set(['Hearth', 'hearth://…']);
const WORD = /\p{L}{2,}/u;
/** A catalogue key (`chat.composer.send`) names a message; it is not one. */
const KEY = /^[a-z]+(\.[A-Za-z0-9]+)+$/;
/** In a setter's argument or a returned value, only what reads as prose counts (not ids or class names). */
const PROSE = /\p{L}[,.:;!?…]? \p{L}|^\p{Lu}\p{Ll}+[.!?…]?$/u;

function isWords(text: string): boolean {
  const trimmed = text.trim();
  return WORD.test(trimmed) && !ALLOWED.has(trimmed) && !KEY.test(trimmed);
}

/** `setError('Give the room a name.')`, `return 'No messages match.'`, through conditionals. */
function setOrReturned(node: ts.Node): boolean {
  let at: ts.Node = node;
  while (at.parent) {
    const up: ts.Node = at.parent;
    if (ts.isReturnStatement(up)) return true;
    if (ts.isBinaryExpression(up) && up.operatorToken.kind === ts.SyntaxKind.EqualsToken)
      return up.right === at;
    if (ts.isCallExpression(up))
      return /^set[A-Z]/.test(up.expression.getText()) && up.arguments.includes(at as ts.Expression);
    if (ts.isParenthesizedExpression(up) || (ts.isConditionalExpression(up) && up.condition !== at)) at = up;
    else return false;
  }
  return false;
}

/** A literal is shown as it is when only conditionals, `&&`/`||`/`??` and parentheses stand between it and JSX. */
function shownDirectly(node: ts.Node): boolean {
  let at: ts.Node = node;
  while (at.parent) {
    const up: ts.Node = at.parent;
    if (ts.isJsxExpression(up)) {
      const owner = up.parent;
      if (ts.isJsxAttribute(owner)) return SEEN_ATTRIBUTES.has(owner.name.getText());
      return ts.isJsxElement(owner) || ts.isJsxFragment(owner);
    }
    if (ts.isParenthesizedExpression(up)) at = up;
    else if (ts.isConditionalExpression(up) && up.condition !== at) at = up;
    else if (
      ts.isBinaryExpression(up) &&
      up.right === at &&
      [
        ts.SyntaxKind.AmpersandAmpersandToken,
        ts.SyntaxKind.BarBarToken,
        ts.SyntaxKind.QuestionQuestionToken,
      ].includes(up.operatorToken.kind)
    )
      at = up;
    else return false;
  }
  return false;
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(' ');
  return null;
}

/** "file:line: text" for every piece of English in `source` that does not come from the catalogue. */
export function untranslated(file: string, source: string): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    found.push(`${file}:${line}: ${text.trim()}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isWords(node.text)) report(node, node.text);
    if (ts.isJsxAttribute(node) && SEEN_ATTRIBUTES.has(node.name.getText()) && node.initializer) {
      if (ts.isStringLiteral(node.initializer) && isWords(node.initializer.text))
        report(node, node.initializer.text);
    }
    const text = literalText(node);
    if (text !== null && isWords(text) && shownDirectly(node)) report(node, text);
    else if (text !== null && isWords(text) && PROSE.test(text.trim()) && setOrReturned(node))
      report(node, text);
    if (
      ts.isPropertyAssignment(node) &&
      SEEN_ATTRIBUTES.has(node.name.getText()) &&
      literalText(node.initializer) !== null &&
      isWords(literalText(node.initializer) ?? '')
    )
      report(node, literalText(node.initializer) ?? '');
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

test('the check finds English in text, attributes, conditionals and option tables, and passes the catalogue', () => {
  const probe = `
    const OPTIONS = [{ value: 'a', label: 'Like the system' }, { value: 'b', label: t('x.y') }, { label: 'a.b' }];
    function why(n: number) { if (n) return 'room-line'; setError(n ? 'Give it a name.' : ''); found.password = 'Enter your password.'; return 'No messages match.'; }
    export function P({ on }: { on: boolean }) {
      return (
        <div aria-label="Conversations" title={t('chat.title')} data-kind="message">
          Hello there
          {on ? 'Online' : t('chat.list.offline')}
          <span placeholder={\`Message \${name}\`} className="muted">{t('chat.x', { name: 'ana' })} · × 99+</span>
          <Icon name="clock" /> Hearth
          {kind === 'emoji' && <b>{count}</b>}
        </div>
      );
    }`;
  assert.deepEqual(
    untranslated('probe.tsx', probe).map((line) => line.replace(/^probe\.tsx:\d+: /, '')),
    [
      'Like the system',
      'Give it a name.',
      'Enter your password.',
      'No messages match.',
      'Conversations',
      'Hello there',
      'Online',
      'Message',
    ],
  );
});

test('no renderer file shows English that is not in the catalogue', () => {
  const files = sourceFiles().filter(
    (path) => path.startsWith('src-renderer/') && !path.startsWith('src-renderer/i18n/'),
  );
  const found = files.flatMap((file) => untranslated(file, readFileSync(join(ROOT, file), 'utf8')));
  assert.deepEqual(found, []);
});
