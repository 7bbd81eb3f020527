// The product's source files, the set the size limits and the architecture index cover.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const SOURCE_DIRS = ['src-main', 'src-shared', 'src-renderer'];

/** Every .ts/.tsx file under the source folders, as a sorted repository-relative path with '/'. */
export function sourceFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) return walk(path);
      return /\.tsx?$/.test(entry.name) ? [path] : [];
    });
  return SOURCE_DIRS.flatMap(walk).sort();
}
