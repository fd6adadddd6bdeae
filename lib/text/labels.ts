/**
 * Class labels ↔ integer ids, as scikit-learn's `LabelEncoder`: `classes` are the distinct labels
 * sorted (numbers ascending, strings by Unicode code point as NumPy sorts them), and a label's id
 * is its position in `classes`. Unknown labels throw instead of being guessed.
 */
import { assertObject, compareCodePoints, describe, isArray } from './validate';

/** A class label: a string ("olumlu") or a number (1). */
export type Label = string | number;

/** The JSON form of a LabelEncoder (`encoder.toJSON()`). */
export interface LabelEncoderJSON<L extends Label = Label> {
  format: 'LabelEncoder';
  version: 1;
  classes: L[];
}

/**
 * Maps labels to 0..numClasses-1 and back. Introduced in 1_RNN.ipynb.
 *
 * @example
 * const enc = new LabelEncoder<string>().fit(['olumsuz', 'olumlu', 'olumlu']);
 * enc.classes; // ['olumlu', 'olumsuz']
 * enc.transform(['olumsuz']); // [1]
 */
export class LabelEncoder<L extends Label = string> {
  private sorted: L[] | null = null;
  private ids = new Map<L, number>();

  /** The distinct labels, sorted; a label's id is its position here. */
  get classes(): readonly L[] {
    return this.fitted('classes');
  }

  /** Number of distinct labels. */
  get numClasses(): number {
    return this.fitted('numClasses').length;
  }

  /** Learns the sorted distinct labels. Throws on an empty list or mixed/invalid labels. */
  fit(labels: readonly L[]): this {
    checkLabels(labels, 'fit(labels)');
    if (labels.length === 0) throw new RangeError('LabelEncoder.fit(labels) got no labels: pass at least one.');
    const distinct = [...new Set(labels)];
    const kinds = new Set(distinct.map((l) => typeof l));
    if (kinds.size > 1) {
      throw new TypeError('LabelEncoder.fit(labels) got both strings and numbers: use one type (e.g. all strings).');
    }
    distinct.sort((a, b) =>
      typeof a === 'number' && typeof b === 'number' ? a - b : compareCodePoints(String(a), String(b)),
    );
    this.sorted = distinct;
    this.ids = new Map(distinct.map((l, i) => [l, i]));
    return this;
  }

  /** Each label's id. Throws on a label not seen by `fit`. */
  transform(labels: readonly L[]): number[] {
    const classes = this.fitted('transform');
    checkLabels(labels, 'transform(labels)');
    return labels.map((label, i) => {
      const id = this.ids.get(label);
      if (id === undefined) {
        const known = classes.slice(0, 10).map((c) => JSON.stringify(c)).join(', ');
        throw new RangeError(
          `LabelEncoder.transform: labels[${i}] = ${JSON.stringify(label)} is an unknown label; the encoder was fitted on [${known}${classes.length > 10 ? ', …' : ''}]. Fit on all labels, or fix or drop this example.`,
        );
      }
      return id;
    });
  }

  /** `fit(labels)` then `transform(labels)`. */
  fitTransform(labels: readonly L[]): number[] {
    return this.fit(labels).transform(labels);
  }

  /** Each id's label. Throws on an id outside 0..numClasses-1. */
  inverseTransform(ids: readonly number[]): L[] {
    const classes = this.fitted('inverseTransform');
    if (!isArray(ids)) throw new TypeError(`inverseTransform(ids) must be an array of integers, got ${describe(ids)}.`);
    return ids.map((id, i) => {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= classes.length) {
        throw new RangeError(
          `LabelEncoder.inverseTransform: ids[${i}] = ${describe(id)} is not a class id; valid ids are 0..${classes.length - 1}.`,
        );
      }
      return classes[id];
    });
  }

  /** A JSON-safe snapshot; `LabelEncoder.fromJSON(enc.toJSON())` gives an equal encoder. */
  toJSON(): LabelEncoderJSON<L> {
    return { format: 'LabelEncoder', version: 1, classes: [...this.fitted('toJSON')] };
  }

  /** Rebuilds an encoder from `toJSON()` output or its `JSON.stringify` string. */
  static fromJSON<L extends Label = string>(json: string | LabelEncoderJSON<L>): LabelEncoder<L> {
    let data: unknown = json;
    if (typeof json === 'string') {
      try {
        data = JSON.parse(json);
      } catch (err) {
        throw new SyntaxError(`LabelEncoder.fromJSON: the string is not valid JSON (${(err as Error).message}).`);
      }
    }
    assertObject(data, 'LabelEncoder JSON');
    if (data.format !== 'LabelEncoder' || data.version !== 1 || !isArray(data.classes)) {
      throw new TypeError("Not a saved LabelEncoder: expected { format: 'LabelEncoder', version: 1, classes: [...] }.");
    }
    const classes = data.classes as L[];
    const enc = new LabelEncoder<L>().fit(classes);
    if (enc.numClasses !== classes.length || enc.classes.some((c, i) => c !== classes[i])) {
      throw new RangeError('LabelEncoder JSON is inconsistent: classes must be distinct and sorted.');
    }
    return enc;
  }

  private fitted(what: string): L[] {
    if (this.sorted === null) {
      throw new Error(`LabelEncoder.${what}: the encoder has not been fitted yet. Call fit(labels) first.`);
    }
    return this.sorted;
  }
}

function checkLabels(labels: unknown, name: string): void {
  if (!isArray(labels)) throw new TypeError(`${name} must be an array of labels, got ${describe(labels)}.`);
  labels.forEach((l, i) => {
    const ok = typeof l === 'string' || (typeof l === 'number' && Number.isFinite(l));
    if (!ok) throw new TypeError(`${name}: labels[${i}] must be a string or a finite number, got ${describe(l)}.`);
  });
}
