/**
 * Where the project lives on disk, found the same way from a notebook kernel (which loads lib/
 * through the notebooks/lib link), from unit tests and from scripts.
 */
import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = 'dil-modelleri-ts';

function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const name: unknown = JSON.parse(fs.readFileSync(pkg, 'utf8')).name;
      if (name === PACKAGE_NAME) return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`Cannot find the project folder (a package.json named "${PACKAGE_NAME}") above ${start}.`);
    }
  }
}

/** Absolute path of the project's top folder. */
export const PROJECT_ROOT: string = findProjectRoot(__dirname);

/** An absolute path inside the project: `projectPath('data', 'reviews.csv')`. */
export function projectPath(...parts: string[]): string {
  return path.join(PROJECT_ROOT, ...parts);
}
