// Measures a source file against the style limits: at most 350 lines per file and 80 per function (from the
// line the function starts on to its closing line). A file or function may go over only with a reason
// written at its top, in a comment of the form `// size: <reason>`.
import ts from 'typescript';

export const MAX_FILE_LINES = 350;
export const MAX_FUNCTION_LINES = 80;

export interface Oversize {
  file: string;
  /** 'file', or the function's name as far as it has one (`Class.method`, `name`, `(anonymous)`). */
  what: string;
  line: number;
  lines: number;
  limit: number;
}

const REASON = /^\s*(?:\/\/|\/?\*+)\s*size:\s*\S.{9,}/;
const COMMENT = /^\s*(?:\/\/|\/\*|\*)/;

/** True when the comment block directly above `line` (0-based) gives a size reason. */
function exemptAbove(lines: string[], line: number): boolean {
  for (let i = line - 1; i >= 0 && COMMENT.test(lines[i] ?? ''); i--) {
    if (REASON.test(lines[i] ?? '')) return true;
  }
  return false;
}

/** A file is exempt by a size reason in the comment lines it opens with. */
function fileExempt(lines: string[]): boolean {
  for (const line of lines) {
    if (!COMMENT.test(line)) return false;
    if (REASON.test(line)) return true;
  }
  return false;
}

function functionName(node: ts.FunctionLikeDeclaration): string {
  const own = node.name && ts.isIdentifier(node.name) ? node.name.text : null;
  const parent = node.parent;
  const bound =
    parent &&
    (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) &&
    ts.isIdentifier(parent.name)
      ? parent.name.text
      : null;
  const name = own ?? bound ?? (ts.isConstructorDeclaration(node) ? 'constructor' : '(anonymous)');
  const owner = parent && ts.isClassLike(parent) && parent.name ? `${parent.name.text}.` : '';
  return owner + name;
}

export function measure(file: string, text: string): Oversize[] {
  const lines = text.split('\n');
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const found: Oversize[] = [];
  if (lineCount > MAX_FILE_LINES && !fileExempt(lines)) {
    found.push({ file, what: 'file', line: 1, lines: lineCount, limit: MAX_FILE_LINES });
  }
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const span = end - start + 1;
      if (span > MAX_FUNCTION_LINES && !exemptAbove(lines, start)) {
        found.push({
          file,
          what: functionName(node),
          line: start + 1,
          lines: span,
          limit: MAX_FUNCTION_LINES,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function describe(o: Oversize): string {
  return `${o.file}:${o.line} ${o.what}: ${o.lines} lines (limit ${o.limit})`;
}
