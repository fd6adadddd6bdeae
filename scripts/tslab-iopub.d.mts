/** Types of scripts/tslab-iopub.mjs for the TypeScript tests that read it. */
export declare const TSLAB_IOPUB: { file: string[]; published: string; fixed: string };
