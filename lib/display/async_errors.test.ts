import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asyncFailureText, reportAsyncFailures } from '../display';

test('an un-awaited rejection is printed with its reason, in words run_notebooks.py reads as an error', () => {
  assert.match(asyncFailureText(new RangeError('boyut uymuyor')), /^UnhandledRejection: .*RangeError: boyut uymuyor/s);
  assert.match(asyncFailureText('düz metin'), /Neden: düz metin$/);
  const before = process.listeners('unhandledRejection').length;
  reportAsyncFailures();
  reportAsyncFailures();   // idempotent: one handler per kernel
  assert.equal(process.listeners('unhandledRejection').length, before + 1);
  // node:test reports real unhandled rejections itself, so the installed handler is called directly.
  const handler = process.listeners('unhandledRejection').at(-1)!;
  process.removeListener('unhandledRejection', handler);
  const printed: string[] = [];
  const original = console.error;
  console.error = (text: string) => printed.push(text);
  try {
    handler(new Error('kimse beklemedi'), Promise.resolve());
  } finally {
    console.error = original;
  }
  assert.equal(printed.length, 1);
  assert.match(printed[0], /UnhandledRejection: .*kimse beklemedi/s);
});
