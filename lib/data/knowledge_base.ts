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
    throw new Error(`${file} geçerli JSON değil: {id, title, text} nesnelerinden oluşan bir JSON dizisi içermeli, ama ${shown(raw.slice(0, 60))} ile başlıyor.`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${file} {id, title, text} nesnelerinden oluşan bir JSON dizisi içermeli.`);
  if (parsed.length === 0) throw new Error(`${file} hiç kayıt içermiyor; en az bir {id, title, text} nesnesi ekleyin.`);
  const seen = new Set<string>();
  return parsed.map((item: unknown, k) => {
    if (typeof item !== 'object' || item === null) throw new Error(`${file}, kayıt ${k}: id, title ve text içeren bir nesne bekleniyordu.`);
    const obj = item as Record<string, unknown>;
    for (const f of FIELDS) {
      const v = obj[f];
      if (v === undefined) throw new Error(`${file}, kayıt ${k}: "${f}" alanı eksik.`);
      if (typeof v !== 'string') throw new Error(`${file}, kayıt ${k}: "${f}" alanı bir metin olmalı.`);
      if (v.trim() === '') throw new Error(`${file}, kayıt ${k}: "${f}" alanı boş.`);
    }
    const entry: KbEntry = { id: String(obj.id), title: String(obj.title), text: String(obj.text) };
    if (seen.has(entry.id)) throw new Error(`${file}, kayıt ${k}: "${entry.id}" kimliği iki kez geçiyor; kimlikler benzersiz olmalı.`);
    seen.add(entry.id);
    return entry;
  });
}
