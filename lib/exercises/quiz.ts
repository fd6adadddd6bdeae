/**
 * Self-check questions as small multiple-choice quizzes: every choice opens (a <details> element) to
 * say whether it is right and why, in one line. Plain HTML, no script: it works the same in JupyterLab
 * (trusted or not: the sanitiser keeps <details>), in the exported page and in the slide deck, and a
 * screen reader announces each choice as a disclosure button. Introduced in 0_Word_Embeddings.ipynb.
 */
import { escapeHtml, MimeBundle } from '../display/bundle';

export interface QuizChoice {
  text: string;
  correct?: boolean;
  /** One line: why this choice is right, or what is wrong with it. */
  why: string;
}

export interface Quiz {
  question: string;
  choices: QuizChoice[];
}

const LETTERS = 'ABCDEFGH';

/** The MIME bundle `quiz` shows; exported for tests. Markdown-style `code` spans become <code>. */
export function quizBundle(id: string, quiz: Quiz): MimeBundle {
  const inline = (text: string) => escapeHtml(text).replace(/`([^`]+)`/g, '<code>$1</code>');
  const items = quiz.choices.map((c, i) => {
    const mark = c.correct ? '<strong style="color:#0f4d23">✓ Doğru.</strong>' : '<strong style="color:#7a1a14">✗ Yanlış.</strong>';
    return `<li style="list-style:none;margin:2px 0"><details><summary>${LETTERS[i]}) ${inline(c.text)}</summary><div style="margin:2px 0 6px 1.5em">${mark} ${inline(c.why)}</div></details></li>`;
  });
  const html =
    `<div class="dl-quiz" style="border-left:4px solid #0b5394;background:#f0f5fb;color:#1a2733;padding:6px 10px;margin:4px 0">` +
    `<p style="margin:0 0 4px"><strong>Soru ${escapeHtml(id)}.</strong> ${inline(quiz.question)}</p>` +
    `<p style="margin:0 0 4px;font-size:90%">Bir seçeneği açın: doğru mu, neden?</p><ul style="padding-left:0;margin:0">${items.join('')}</ul></div>`;
  const text = [`Soru ${id}. ${quiz.question}`, ...quiz.choices.map((c, i) => `  ${LETTERS[i]}) ${c.text}`)].join('\n');
  return { 'text/html': html, 'text/plain': text };
}

/** Checks a quiz's shape when the registry is built: 2–8 choices, exactly one right, every choice explained. */
export function checkQuiz(id: string, quiz: Quiz): Quiz {
  const n = quiz.choices.length;
  if (n < 2 || n > LETTERS.length) throw new Error(`quiz ${id}: needs 2 to ${LETTERS.length} choices, has ${n}.`);
  if (quiz.choices.filter((c) => c.correct).length !== 1) throw new Error(`quiz ${id}: exactly one choice must be correct.`);
  const bare = quiz.choices.findIndex((c) => c.why.trim() === '' || c.text.trim() === '');
  if (bare >= 0) throw new Error(`quiz ${id}: choice ${LETTERS[bare]} needs a text and a one-line why.`);
  return quiz;
}
