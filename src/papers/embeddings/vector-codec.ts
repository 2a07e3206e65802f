// Compact vectors: a unit vector stored as Int8 components plus one float scale (1 byte a dimension).

/** A quantized vector: `values[i] * scale` ≈ the original component. */
export interface QuantizedVector {
  values: Int8Array;
  scale: number;
}

/** Rounds each component to one of 255 steps of the largest one (error ≤ 0.4% of it). */
export function quantize(vector: Float32Array): QuantizedVector {
  let max = 0;
  for (const x of vector) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  const values = new Int8Array(vector.length);
  for (let i = 0; i < vector.length; i++) values[i] = Math.round((vector[i] ?? 0) / scale);
  return { values, scale };
}

/** The stored blob of a quantized vector. */
export function toBlob(q: QuantizedVector): Buffer {
  return Buffer.from(q.values.buffer, q.values.byteOffset, q.values.byteLength);
}

/** A float vector back from its blob and scale. */
export function fromBlob(blob: Uint8Array, scale: number): Float32Array {
  const values = new Int8Array(blob.buffer, blob.byteOffset, blob.byteLength);
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) * scale;
  return out;
}
