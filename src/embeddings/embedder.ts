/** What an embedding is computed for: e5-style models prefix queries and passages differently. */
export type EmbedKind = 'query' | 'passage';

/** Turns texts into L2-normalised vectors of a fixed dimension. */
export interface Embedder {
  /** Stable id recorded with stored vectors, e.g. `offline-v1` or `transformers:Xenova/multilingual-e5-small:q8`. */
  readonly id: string;
  readonly dimension: number;
  embed(texts: readonly string[], kind: EmbedKind): Promise<Float32Array[]>;
  close(): Promise<void>;
}
