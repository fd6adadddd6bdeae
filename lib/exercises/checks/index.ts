/**
 * Every notebook's exercise checks and self-check quizzes, by notebook number ('0' … '5'). Each file
 * holds the checks of one notebook; ids are '<notebook>.<number>'.
 */
import type { ExerciseCheck } from '../kontrol';
import type { Quiz } from '../quiz';

export interface NotebookExercises {
  checks: Record<string, ExerciseCheck>;
  quizzes: Record<string, Quiz>;
}

export const NOTEBOOK_EXERCISES: Record<string, NotebookExercises> = {};
