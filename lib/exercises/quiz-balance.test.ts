import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTEBOOK_EXERCISES } from './checks/index';

/**
 * A quiz whose right choice is always the longest, most qualified one can be answered without reading
 * the notebook (a fresh reviewer did exactly that). Right choices read like the wrong ones: no right
 * choice towers over every wrong one, and across the course the right one is the longest in at most a
 * third of the quizzes; in a notebook with three or more quizzes it does not always sit at the same letter.
 */
const allQuizzes = Object.entries(NOTEBOOK_EXERCISES).flatMap(([nb, ex]) => Object.entries(ex.quizzes).map(([id, quiz]) => ({ nb, id, quiz })));

test('every quiz: the right choice is not much longer than the longest wrong one', () => {
  for (const { id, quiz } of allQuizzes) {
    const right = quiz.choices.find((c) => c.correct)!.text.length;
    const longestWrong = Math.max(...quiz.choices.filter((c) => !c.correct).map((c) => c.text.length));
    assert.ok(right <= 1.2 * longestWrong, `quiz ${id}: the right choice has ${right} characters, the longest wrong one ${longestWrong}`);
  }
});

test('across the course, the right choice is the strictly longest in at most a third of the quizzes', () => {
  const longest = allQuizzes.filter(({ quiz }) => {
    const right = quiz.choices.find((c) => c.correct)!.text.length;
    return quiz.choices.every((c) => c.correct || c.text.length < right);
  });
  assert.ok(longest.length <= allQuizzes.length / 3, `the right choice is the longest in ${longest.map((q) => q.id).join(', ')} of ${allQuizzes.length}`);
});

test('in each notebook with three or more quizzes, the right letters differ', () => {
  for (const nb of new Set(allQuizzes.map((q) => q.nb))) {
    const letters = allQuizzes.filter((q) => q.nb === nb).map(({ quiz }) => quiz.choices.findIndex((c) => c.correct));
    if (letters.length >= 3) assert.ok(new Set(letters).size >= 2, `notebook ${nb}: every right choice at position ${letters[0]}`);
  }
});
