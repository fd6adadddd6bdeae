/**
 * Every notebook's exercise checks and self-check quizzes, by notebook number ('0' … '5'). Each file
 * holds the checks of one notebook; ids are '<notebook>.<number>'. Notebooks 3–5 add theirs the same way:
 * a file `<n>.ts` exporting `EXERCISES_<n>`, listed below.
 */
import type { ExerciseCheck } from '../kontrol';
import type { Quiz } from '../quiz';
import { EXERCISES_0 } from './0';
import { EXERCISES_1 } from './1';
import { EXERCISES_2 } from './2';
import { EXERCISES_3 } from './3';
import { EXERCISES_4 } from './4';
import { EXERCISES_5 } from './5';

export interface NotebookExercises {
  checks: Record<string, ExerciseCheck>;
  quizzes: Record<string, Quiz>;
}

export const NOTEBOOK_EXERCISES: Record<string, NotebookExercises> = { '0': EXERCISES_0, '1': EXERCISES_1, '2': EXERCISES_2, '3': EXERCISES_3, '4': EXERCISES_4, '5': EXERCISES_5 };
