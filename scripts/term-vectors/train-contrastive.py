#!/usr/bin/env python3
"""Trains the stem table contrastively (InfoNCE, in-batch negatives), starting from the LSA table.

A text's vector is what term-vector-embedder.ts computes: the unit-length sum of its stems' rows, each weighted
(1 + ln tf) * idf (title stems counted twice in a paper). Training pulls a paper's title toward its abstract
(and the first half of its abstract toward the second half) and away from the batch's other papers.
The bench's 20 corpus-question papers and a validation sample are kept out of training; the 66 seeds are
not in the corpus. Input: export-pairs.ts's directory. Prints MRR@10 of the bench questions (seeds, corpus,
all) for the LSA table and after each epoch, ranking among the corpus plus the seeds as the bench does.
"""
import argparse, gzip, json, struct, datetime
from collections import Counter
import numpy as np
import scipy.sparse as sp

p = argparse.ArgumentParser()
p.add_argument("pairs", help="export-pairs.ts output directory")
p.add_argument("lsa", help="the LSA term-vectors.bin.gz to start from (its terms and IDF are kept)")
p.add_argument("--out", help="write the trained table here (same format)")
p.add_argument("--each", action="store_true", help="also write the table after every epoch (out.eN)")
p.add_argument("--epochs", type=int, default=4)
p.add_argument("--batch", type=int, default=1024)
p.add_argument("--tau", type=float, default=0.05)
p.add_argument("--lr", type=float, default=2e-3)
p.add_argument("--views", default="title,halves", help="title (title vs abstract), halves, full (title vs paper), cloze")
p.add_argument("--valid", type=int, default=2000, help="papers held out to check title -> paper retrieval")
p.add_argument("--seed", type=int, default=0)
a = p.parse_args()
rng = np.random.default_rng(a.seed)


def read_table(path):
    raw = gzip.open(path).read()
    n = struct.unpack("<I", raw[:4])[0]
    header = json.loads(raw[4 : 4 + n])
    off = 4 + n + (4 - (4 + n) % 4) % 4
    terms, k = header["terms"], header["dimensions"]
    scale = np.frombuffer(raw, "<f4", len(terms), off)
    q = np.frombuffer(raw, np.int8, len(terms) * k, off + 4 * len(terms)).reshape(len(terms), k)
    return header, (q * scale[:, None]).astype(np.float64)


header, E = read_table(a.lsa)
terms = header["terms"]
index = {t: i for i, t in enumerate(terms)}
idf = np.array(header["idf"])
V, K = E.shape


def weights(stem_lists, factors=None):
    """Sparse texts x stems, (1 + ln tf) * idf, as the embedder weighs them."""
    rows, cols, vals = [], [], []
    for r, stems in enumerate(stem_lists):
        c = Counter()
        for part, f in zip(stems, factors or [1] * len(stems)):
            for s in part:
                if s in index: c[index[s]] += f
        for t, n in c.items():
            rows.append(r); cols.append(t); vals.append((1 + np.log(n)) * idf[t])
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(stem_lists), V))


def load(path):
    out = []
    for line in open(path, encoding="utf8"):
        pid, title, abstract = line.rstrip("\n").split("\t")
        out.append((pid, title.split(), abstract.split()))
    return out


corpus = load(f"{a.pairs}/papers.tsv")
papers = corpus + load(f"{a.pairs}/seeds.tsv")
ids = [x[0] for x in papers]
row_of = {pid: i for i, pid in enumerate(ids)}
questions = json.load(open(f"{a.pairs}/questions.json"))
docs = weights([[t, ab] for _, t, ab in papers], [2, 1])  # what the index embeds: title twice, then abstract
Qm = weights([[q["stems"]] for q in questions])
targets = np.array([row_of[q["id"]] for q in questions])
sets = {s: np.array([q["set"] == s for q in questions]) for s in ("seeds", "corpus")}

held = {row_of[q["id"]] for q in questions if q["set"] == "corpus"}
pool = np.array([i for i in range(len(corpus)) if i not in held])
rng.shuffle(pool)
valid, train = pool[: a.valid], pool[a.valid :]
T_title = weights([[papers[i][1]] for i in range(len(corpus))])
T_abs = weights([[papers[i][2]] for i in range(len(corpus))])
halves = [(ab[: len(ab) // 2], ab[len(ab) // 2 :]) for _, _, ab in corpus]
T_h1 = weights([[h[0]] for h in halves])
T_h2 = weights([[h[1]] for h in halves])
T_full = weights([[t, ab] for _, t, ab in corpus], [2, 1])
views = {"title": (T_title, T_abs), "halves": (T_h1, T_h2), "full": (T_title, T_full)}


def cloze():
    """Inverse cloze: a random window of ~15 abstract stems against the paper without it (drawn anew each epoch)."""
    qs, ds = [], []
    for _, t, ab in corpus:
        w = min(15, len(ab) // 3)
        s = int(rng.integers(0, max(1, len(ab) - w + 1)))
        qs.append([ab[s : s + w]]); ds.append([t, ab[:s] + ab[s + w :]])
    return weights(qs), weights(ds, [2, 1])


def unit(M):
    n = np.linalg.norm(M, axis=1, keepdims=True); n[n == 0] = 1
    return M / n


def quantized(E):
    s = np.abs(E).max(axis=1) / 127; s[s == 0] = 1
    return np.round(E / s[:, None]) * s[:, None]


def mrr10(E):
    D = unit(docs @ E).astype(np.float32); Q = unit(Qm @ E).astype(np.float32)
    S = Q @ D.T
    rank = (S > S[np.arange(len(targets)), targets][:, None]).sum(axis=1)
    rr = np.where(rank < 10, 1 / (rank + 1), 0)
    vq = unit(T_title[valid] @ E).astype(np.float32)
    vs = vq @ D.T  # held-out titles among every paper (their own paper includes the title: an easy check)
    vr = (vs > vs[np.arange(len(valid)), valid][:, None]).sum(axis=1)
    return {"seeds": rr[sets["seeds"]].mean(), "corpus": rr[sets["corpus"]].mean(), "all": rr.mean(),
            "validTitle": np.where(vr < 10, 1 / (vr + 1), 0).mean()}


def show(name, E):
    m = mrr10(quantized(E))
    print(f"{name:>10}: " + "  ".join(f"{k} {v:.3f}" for k, v in m.items()), flush=True)
    return m


def infonce_grad(A, B, E):
    """Symmetric InfoNCE over the batch; returns loss and dE (hand-derived)."""
    U, W = A @ E, B @ E
    nu = np.linalg.norm(U, axis=1, keepdims=True) + 1e-9; nw = np.linalg.norm(W, axis=1, keepdims=True) + 1e-9
    Qn, Dn = U / nu, W / nw
    S = Qn @ Dn.T / a.tau
    n = len(S); eye = np.eye(n)
    Pr = np.exp(S - S.max(axis=1, keepdims=True)); Pr /= Pr.sum(axis=1, keepdims=True)
    Pc = np.exp(S - S.max(axis=0, keepdims=True)); Pc /= Pc.sum(axis=0, keepdims=True)
    loss = -(np.log(np.diag(Pr) + 1e-12).mean() + np.log(np.diag(Pc) + 1e-12).mean()) / 2
    dS = ((Pr - eye) + (Pc - eye)) / (2 * n) / a.tau
    dQ, dD = dS @ Dn, dS.T @ Qn
    dU = (dQ - Qn * (Qn * dQ).sum(axis=1, keepdims=True)) / nu
    dW = (dD - Dn * (Dn * dD).sum(axis=1, keepdims=True)) / nw
    return loss, A.T @ dU + B.T @ dW


def write(path, E, epochs):
    E = E.astype(np.float32)
    scale = np.abs(E).max(axis=1) / 127; scale[scale == 0] = 1
    q = np.round(E / scale[:, None]).astype(np.int8)
    out = {k: v for k, v in header.items() if k != "singularValues"}
    out.update({"made": datetime.date.today().isoformat(), "method": "nce",  # model name k128-nce-<date>
                "training": {"method": "InfoNCE in-batch, init LSA", "views": a.views, "epochs": epochs,
                             "batch": a.batch, "tau": a.tau, "lr": a.lr, "heldOut": "bench corpus-question papers",
                             "initialisedFrom": "LSA k128 a0.5 (svds), terms and idf kept", "validationHeldOut": a.valid}})
    blob = json.dumps(out, separators=(",", ":")).encode("utf8")
    pad = (4 - (4 + len(blob)) % 4) % 4
    with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as f:
        f.write(struct.pack("<I", len(blob))); f.write(blob); f.write(b"\0" * pad)
        f.write(scale.astype("<f4").tobytes()); f.write(q.tobytes())
    print(f"wrote {path}", flush=True)


print(f"{len(train)} training papers, {len(valid)} validation, vocab {V}, k {K}, views {a.views}")
base = show("LSA", E)
E = E / np.linalg.norm(E, axis=1).mean()  # scale-free model: rows of mean norm 1 so lr means the same
m1, m2 = np.zeros_like(E), np.zeros_like(E)
step = 0
for epoch in range(a.epochs):
    losses = []
    for view in a.views.split(","):
        A_all, B_all = cloze() if view == "cloze" else views[view]
        order = rng.permutation(train)
        for b in range(0, len(order) - a.batch + 1, a.batch):
            idx = order[b : b + a.batch]
            loss, g = infonce_grad(A_all[idx], B_all[idx], E)
            step += 1
            m1 = 0.9 * m1 + 0.1 * g; m2 = 0.999 * m2 + 0.001 * g * g
            E -= a.lr * (m1 / (1 - 0.9**step)) / (np.sqrt(m2 / (1 - 0.999**step)) + 1e-8)
            losses.append(loss)
    print(f"epoch {epoch + 1} loss {np.mean(losses):.3f}", end="  ")
    last = show(f"epoch {epoch + 1}", E)
    if a.out and a.each: write(f"{a.out}.e{epoch + 1}", E, epoch + 1)

if a.out:
    write(a.out, E, a.epochs)

