#!/usr/bin/env python3
"""Reduces per-word USE vectors (embed-words.mjs) to a term-vector file the embedder loads (PCA, Int8).

Terms and IDF are copied from the shipped LSA file, so the embedder weighs words exactly as with LSA.
Usage: distil.py <words.f32> <out.bin.gz> [--k 128] [--whiten]
"""
import argparse, gzip, json, struct
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("words"); p.add_argument("out")
p.add_argument("--k", type=int, default=128)
p.add_argument("--whiten", action="store_true", help="divide each component by its singular value")
p.add_argument("--lsa", default="src/papers/embeddings/term-vectors/term-vectors.bin.gz")
a = p.parse_args()

raw = gzip.open(a.lsa).read()
length = struct.unpack("<I", raw[:4])[0]
lsa = json.loads(raw[4:4 + length])
W = np.fromfile(a.words, dtype=np.float32).reshape(len(lsa["terms"]), -1).astype(np.float64)
W -= W.mean(axis=0)
_, S, Vt = np.linalg.svd(W, full_matrices=False)
T = W @ Vt[: a.k].T
if a.whiten:
    T /= S[: a.k]
T = T.astype(np.float32)
scale = np.abs(T).max(axis=1) / 127; scale[scale == 0] = 1
q = np.round(T / scale[:, None]).astype(np.int8)
header = json.dumps({
    "format": "paperboy-term-vectors@1", "dimensions": a.k, "alpha": "white" if a.whiten else "pca",
    "made": "use-lite", "terms": lsa["terms"], "idf": lsa["idf"],
}, separators=(",", ":")).encode("utf8")
pad = (4 - (4 + len(header)) % 4) % 4
with gzip.GzipFile(a.out, "wb", compresslevel=9, mtime=0) as f:
    f.write(struct.pack("<I", len(header))); f.write(header); f.write(b"\0" * pad)
    f.write(scale.astype("<f4").tobytes()); f.write(q.tobytes())
print(f"k={a.k} whiten={a.whiten} variance kept {float((S[: a.k] ** 2).sum() / (S ** 2).sum()):.3f}")
