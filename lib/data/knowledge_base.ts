/**
 * The small Turkish knowledge base about the course's own topics (data/knowledge_base.json),
 * used for retrieval-augmented generation.
 */
import { dataPath, readDataFile } from './files';
import { shown } from '../validate';

/** One paragraph of the knowledge base. Introduced in 5_LLAMA_transformers.ipynb. */
export interface KbEntry {
  /** short stable slug, e.g. "rope" */
  id: string;
  title: string;
  text: string;
}

const FIELDS = ['id', 'title', 'text'] as const;

/**
 * The knowledge-base entries, validated: a JSON array of objects with non-empty string fields
 * `id`, `title`, `text` and unique ids. Pass `file` to read another file.
 * Introduced in 5_LLAMA_transformers.ipynb.
 */
export function loadKnowledgeBase(file: string = dataPath('knowledgeBase')): KbEntry[] {
  const raw = readDataFile(file, 'knowledgeBase');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    // The parser's own message quotes the text around the error; the start of the file says more.
    throw new Error(`${file} is not valid JSON: it must hold a JSON array of {id, title, text} objects, but it starts with ${shown(raw.slice(0, 60))}.`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array of {id, title, text} objects.`);
  if (parsed.length === 0) throw new Error(`${file} holds no entries.`);
  const seen = new Set<string>();
  return parsed.map((item: unknown, k) => {
    if (typeof item !== 'object' || item === null) throw new Error(`${file}, entry ${k}: expected an object with id, title and text.`);
    const obj = item as Record<string, unknown>;
    for (const f of FIELDS) {
      const v = obj[f];
      if (v === undefined) throw new Error(`${file}, entry ${k}: missing field "${f}".`);
      if (typeof v !== 'string') throw new Error(`${file}, entry ${k}: field "${f}" must be a string.`);
      if (v.trim() === '') throw new Error(`${file}, entry ${k}: empty ${f === 'text' ? 'text' : `field "${f}"`}.`);
    }
    const entry: KbEntry = { id: String(obj.id), title: String(obj.title), text: String(obj.text) };
    if (seen.has(entry.id)) throw new Error(`${file}, entry ${k}: duplicate id "${entry.id}". Ids must be unique.`);
    seen.add(entry.id);
    return entry;
  });
}
