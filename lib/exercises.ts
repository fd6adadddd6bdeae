/**
 * Exercises learners check themselves: `await kontrol('1.2', cevap)` judges an answer (✓ why / ✗ what
 * differs / … not yet) and `quiz('1.1')` shows a self-check question as a multiple-choice quiz. The
 * checks and quizzes live in lib/exercises/checks/<notebook>.ts, one file per notebook; the reference
 * solutions live in solutions/, and `npm test` runs every notebook with them (every kontrol must say ✓)
 * and without them (every kontrol must say "henüz", and nothing may crash).
 * Introduced in 0_Word_Embeddings.ipynb.
 */
import { displayBundle } from './display/bundle';
import { shown } from './validate';
import { ExerciseCheck, judge, kontrolBundle, Verdict } from './exercises/kontrol';
import { checkQuiz, Quiz, quizBundle } from './exercises/quiz';
import { NOTEBOOK_EXERCISES } from './exercises/checks';

export { closeTo, expectFunction, expectNumber, KONTROL_MIME, kontrolBundle, right, sameList, wrong } from './exercises/kontrol';
export type { ExerciseCheck, FunctionCase, KontrolStatus, Verdict } from './exercises/kontrol';
export { quizBundle } from './exercises/quiz';
export type { Quiz, QuizChoice } from './exercises/quiz';

function lookup<T>(kind: 'checks' | 'quizzes', id: unknown, fn: string): T {
  if (typeof id !== 'string' || !/^\d+\.\d+$/.test(id)) throw new TypeError(`${fn}: id must be like '1.2' (notebook 1, number 2), got ${shown(id)}.`);
  const notebook = NOTEBOOK_EXERCISES[id.split('.')[0]];
  const item = notebook?.[kind][id] as T | undefined;
  if (item === undefined) {
    const known = Object.keys(notebook?.[kind] ?? {}).join(', ') || 'none';
    throw new RangeError(`${fn}: no ${kind === 'checks' ? 'exercise' : 'question'} ${shown(id)} (this notebook has: ${known}).`);
  }
  return item;
}

/** The verdict on `answer` for exercise `id`, without showing it (tests and scripts). */
export async function kontrolVerdict(id: string, answer: unknown): Promise<Verdict> {
  return judge(lookup<ExerciseCheck>('checks', id, 'kontrol'), answer);
}

/** Checks your answer to exercise `id` and shows ✓ / ✗ / "henüz değil" below the cell: `await kontrol('1.2', cevap)`. */
export async function kontrol(id: string, answer: unknown): Promise<void> {
  const check = lookup<ExerciseCheck>('checks', id, 'kontrol');
  displayBundle(kontrolBundle(id, check.title, await judge(check, answer)));
}

/** Shows self-check question `id` as a multiple-choice quiz: `quiz('1.1')`. */
export function quiz(id: string): void {
  const q = lookup<Quiz>('quizzes', id, 'quiz');
  displayBundle(quizBundle(id, checkQuiz(id, q)));
}
