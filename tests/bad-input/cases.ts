/**
 * The shape of a bad-input case and how its outcome is judged (used by tests/bad-input.test.ts).
 *
 *   { name: 'cosine of NaN', run: () => cosine([NaN], [1]) }                 // must be a clear error
 *   { name: 'pca2d of identical points', run: () => pca2d(rows), expect: 'result' }  // a defined answer
 *   { name: 'labelToNumber(olumlu)', run: …, expect: (r) => r === 1 ? null : 'not 1' }  // a right answer
 *
 * `mentions` (for errors): a pattern the message must contain, usually the argument's name.
 */
export type Outcome = 'clear error' | 'sensible result' | 'cryptic error' | 'silent wrong' | 'hang';
export const OUTCOMES: readonly Outcome[] = ['clear error', 'sensible result', 'cryptic error', 'silent wrong', 'hang'];

export interface Case {
  name: string;
  run: () => unknown;
  /** 'error' (default): the input is wrong and only a clear error will do. 'result': legal input,
   * any answer without NaN/Infinity. 'any': degenerate input, a clear error or such an answer.
   * A function: returns null when the result is right, else why not. */
  expect?: 'error' | 'result' | 'any' | ((result: unknown) => string | null);
  mentions?: RegExp;
  timeoutMs?: number;
}

/** Inputs every text-taking export is tried with. */
export const BAD_STRINGS: Readonly<Record<string, string>> = {
  empty: '',
  whitespace: ' \n\t ',
  'emoji-only': '😀🎉🔥',
  '100 000 characters': 'kelime '.repeat(14_286).slice(0, 100_000),
};

/** Numbers every numeric parameter is tried with. */
export const BAD_NUMBERS: Readonly<Record<string, number>> = { NaN: NaN, Infinity: Infinity, negative: -1 };

/** Messages that come from an engine's inside, not from our checks. */
const ENGINE_MESSAGE = new RegExp(
  [
    'Cannot read propert', 'Cannot destructure', 'is not a function', 'is not iterable', 'is not defined',
    'undefined is not', 'null is not', 'Invalid array length', 'toFixed\\(\\)', 'Maximum call stack',
    'onnxruntime', 'out of data bounds', 'cos_cache', 'Unexpected token', 'Cannot convert',
    'Invalid typed array length', 'Array buffer allocation', 'Reduce of empty array', 'out of memory',
  ].join('|'),
);

function nonFinitePath(value: unknown, at = 'result', seen = new Set<unknown>()): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : `${at} is ${value}`;
  if (value === null || typeof value !== 'object' || seen.has(value)) return null;
  seen.add(value);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number | bigint>;
    for (let i = 0; i < arr.length; i++) {
      const v = arr[i];
      if (typeof v === 'number' && !Number.isFinite(v)) return `${at}[${i}] is ${v}`;
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nonFinitePath(value[i], `${at}[${i}]`, seen);
      if (found) return found;
    }
    return null;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return null; // class instances: checked by `expect`
  for (const [k, v] of Object.entries(value)) {
    const found = nonFinitePath(v, `${at}.${k}`, seen);
    if (found) return found;
  }
  return null;
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}… (${text.length} characters)` : text;
}

/** Runs a case (with its time limit) and judges the outcome. */
export async function classify(c: Case): Promise<{ outcome: Outcome; detail: string }> {
  const limit = c.timeoutMs ?? 20_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), limit);
  });
  let result: unknown;
  try {
    const settled = await Promise.race([Promise.resolve().then(c.run), timeout]);
    if (settled === 'hang') return { outcome: 'hang', detail: `no answer in ${limit / 1000} s` };
    result = settled;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof Error)) return { outcome: 'cryptic error', detail: `threw a non-Error: ${shorten(message)}` };
    if (message.length > 500) return { outcome: 'cryptic error', detail: `a ${message.length}-character message: ${shorten(message)}` };
    if (ENGINE_MESSAGE.test(message)) return { outcome: 'cryptic error', detail: `engine message: ${message}` };
    if (c.mentions && !c.mentions.test(message)) return { outcome: 'cryptic error', detail: `does not mention ${c.mentions}: ${message}` };
    if (c.expect !== undefined && c.expect !== 'error' && c.expect !== 'any') return { outcome: 'silent wrong', detail: `legal input refused: ${message}` };
    return { outcome: 'clear error', detail: message };
  } finally {
    clearTimeout(timer);
  }
  const expect = c.expect ?? 'error';
  if (expect === 'error') return { outcome: 'silent wrong', detail: `returned instead of refusing: ${shorten(JSON.stringify(result) ?? String(result))}` };
  const bad = nonFinitePath(result);
  if (bad) return { outcome: 'silent wrong', detail: bad };
  const wrong = typeof expect === 'function' ? expect(result) : null;
  return wrong ? { outcome: 'silent wrong', detail: wrong } : { outcome: 'sensible result', detail: 'ok' };
}

/** One case per bad string: `stringCases('words', (s) => words(s), 'result')`. */
export function stringCases(name: string, run: (s: string) => unknown, expect?: Case['expect'], mentions?: RegExp): Case[] {
  return Object.entries(BAD_STRINGS).map(([kind, s]) => ({ name: `${name}(${kind})`, run: () => run(s), expect, mentions }));
}

/** One case per bad number: `numberCases('fusedAdam lr', (x) => fusedAdam(x), /learningRate/)`. */
export function numberCases(name: string, run: (x: number) => unknown, mentions?: RegExp): Case[] {
  return Object.entries(BAD_NUMBERS).map(([kind, x]) => ({ name: `${name} = ${kind}`, run: () => run(x), mentions }));
}

/** null and undefined where a value is required. */
export function missingCases(name: string, run: (x: never) => unknown, mentions?: RegExp): Case[] {
  return [null, undefined].map((x) => ({ name: `${name} = ${x}`, run: () => run(x as never), mentions }));
}
