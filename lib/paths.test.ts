import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import { PROJECT_ROOT, projectPath } from './paths';

test('PROJECT_ROOT is the folder holding package.json and lib/', () => {
  assert.ok(fs.existsSync(projectPath('package.json')));
  assert.ok(fs.existsSync(projectPath('lib', 'paths.ts')));
  assert.equal(projectPath(), PROJECT_ROOT);
});
