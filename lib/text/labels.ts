/**
 * Class labels ↔ integer ids, as scikit-learn's `LabelEncoder`: `classes` are the distinct labels
 * sorted (numbers ascending, strings by Unicode code point as NumPy sorts them), and a label's id
 * is its position in `classes`. Unknown labels throw instead of being guessed.
 */
import { assertObject, isArray, shown } from '../validate';

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
    if (labels.length === 0) throw new RangeError('LabelEncoder.fit(labels): etiket listesi boş; en az bir etiket verin.');
    const distinct = [...new Set(labels)];
    const kinds = new Set(distinct.map((l) => typeof l));
    if (kinds.size > 1) {
      throw new TypeError('LabelEncoder.fit(labels): etiketlerde hem metin hem sayı var; tek bir tür kullanın (ör. hepsi metin).');
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
          `LabelEncoder.transform: labels[${i}] = ${shown(label)} bilinmeyen bir etiket; kodlayıcı şu etiketlerle eğitildi: [${known}${classes.length > 10 ? ', …' : ''}]. Tüm etiketlerle fit edin ya da bu örneği düzeltin veya çıkarın.`,
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
    if (!isArray(ids)) throw new TypeError(`inverseTransform(ids) tam sayılardan oluşan bir dizi olmalı; verilen: ${shown(ids)}.`);
    return ids.map((id, i) => {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= classes.length) {
        throw new RangeError(
          `LabelEncoder.inverseTransform: ids[${i}] = ${shown(id)} bir sınıf numarası değil; geçerli numaralar 0..${classes.length - 1}.`,
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
        throw new SyntaxError(`LabelEncoder.fromJSON: metin geçerli JSON değil (${(err as Error).message}); toJSON() ile kaydedilmiş metni verin.`);
      }
    }
    assertObject(data, 'LabelEncoder JSON');
    if (data.format !== 'LabelEncoder' || data.version !== 1 || !isArray(data.classes)) {
      throw new TypeError("Kaydedilmiş bir LabelEncoder değil: { format: 'LabelEncoder', version: 1, classes: [...] } bekleniyordu; toJSON() çıktısını verin.");
    }
    const classes = data.classes as L[];
    const enc = new LabelEncoder<L>().fit(classes);
    if (enc.numClasses !== classes.length || enc.classes.some((c, i) => c !== classes[i])) {
      throw new RangeError('LabelEncoder JSON tutarsız: classes farklı ve sıralı olmalı; dosya elle mi değiştirildi? toJSON() ile yeniden kaydedin.');
    }
    return enc;
  }

  private fitted(what: string): L[] {
    if (this.sorted === null) {
      throw new Error(`LabelEncoder.${what}: kodlayıcı henüz eğitilmedi; önce fit(labels) çağırın.`);
    }
    return this.sorted;
  }
}

function checkLabels(labels: unknown, name: string): void {
  if (!isArray(labels)) throw new TypeError(`${name} etiketlerden oluşan bir dizi olmalı; verilen: ${shown(labels)}.`);
  labels.forEach((l, i) => {
    const ok = typeof l === 'string' || (typeof l === 'number' && Number.isFinite(l));
    if (!ok) throw new TypeError(`${name}: labels[${i}] bir metin ya da sonlu bir sayı olmalı; verilen: ${shown(l)}.`);
  });
}

/** Orders strings by Unicode code point, as Python and NumPy do (JS `<` compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return (ca.done ? 0 : 1) - (cb.done ? 0 : 1);
    const diff = (ca.value.codePointAt(0) ?? 0) - (cb.value.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
}
