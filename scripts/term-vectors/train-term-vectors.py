#!/usr/bin/env python3
"""Trains LSA term vectors for paperboy's embedded default (see data/term-vectors/README.md).

Input: token lists from export-tokens.ts (one paper a line, stems separated by spaces).
Output: gzip of [u32 LE header length][JSON header][pad to 4][float32 scale per term][int8 term x dim].
The header holds the terms, their IDF, the dimensions and the parameters, so the file says how it was made.
"""
import argparse, gzip, json, struct, datetime
from collections import Counter
import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import svds

p = argparse.ArgumentParser()
p.add_argument("tokens"); p.add_argument("out")
p.add_argument("--k", type=int, default=128)
p.add_argument("--alpha", type=float, default=0.5)
p.add_argument("--min-df", type=int, default=5)
p.add_argument("--max-df", type=float, default=0.5, help="drop terms in more than this share of papers")
p.add_argument("--vocab", type=int, default=40000)
p.add_argument("--corpus", default="arxiv-2025-cs.jsonl.gz")
a = p.parse_args()

docs = [line.split() for line in open(a.tokens, encoding="utf8")]
n = len(docs)
df = Counter()
for d in docs: df.update(set(d))
kept = [t for t, c in df.items() if a.min_df <= c <= a.max_df * n]
kept.sort(key=lambda t: (-df[t], t))
kept = kept[: a.vocab]
index = {t: i for i, t in enumerate(kept)}
idf = np.array([np.log(n / df[t]) for t in kept], dtype=np.float64)

rows, cols, vals = [], [], []
for r, d in enumerate(docs):
    for t, c in Counter(w for w in d if w in index).items():
        rows.append(r); cols.append(index[t]); vals.append((1 + np.log(c)) * idf[index[t]])
X = sp.csr_matrix((vals, (rows, cols)), shape=(n, len(kept)), dtype=np.float64)
# Unit-length rows, so long abstracts do not dominate the factors.
norms = np.sqrt(X.multiply(X).sum(axis=1)).A1; norms[norms == 0] = 1
X = sp.diags(1 / norms) @ X

U, S, Vt = svds(X, k=a.k, random_state=0)
order = np.argsort(-S); S = S[order]; Vt = Vt[order]
T = (Vt.T * (S ** a.alpha)).astype(np.float32)  # term x k

scale = np.abs(T).max(axis=1) / 127; scale[scale == 0] = 1
q = np.round(T / scale[:, None]).astype(np.int8)
header = json.dumps({
    "format": "paperboy-term-vectors@1", "dimensions": a.k, "alpha": a.alpha, "minDf": a.min_df,
    "maxDf": a.max_df, "papers": n, "corpus": a.corpus, "weighting": "(1+ln tf)*ln(N/df), rows unit length",
    "made": datetime.date.today().isoformat(), "singularValues": [round(float(s), 4) for s in S],
    "terms": kept, "idf": [round(float(x), 4) for x in idf],
}, separators=(",", ":")).encode("utf8")
pad = (4 - (4 + len(header)) % 4) % 4
with gzip.GzipFile(a.out, "wb", compresslevel=9, mtime=0) as f:
    f.write(struct.pack("<I", len(header))); f.write(header); f.write(b"\0" * pad)
    f.write(scale.astype("<f4").tobytes()); f.write(q.tobytes())
print(f"{n} papers, {len(kept)} terms, k={a.k}, alpha={a.alpha}, top singular values {S[:5]}")
