"""Write schemas/analysis.schema.json, the JSON Schema of analysis.json.

The schema is kept as data in this script so that shared shapes (evidence, nullable ids) are
written once; run ``python scripts/write_schema.py`` after changing it. A test checks that the
committed file equals what this script produces.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "schemas" / "analysis.schema.json"

STR = {"type": "string"}
INT = {"type": "integer", "minimum": 0}
NUM = {"type": "number"}
BOOL = {"type": "boolean"}
OSTR = {"type": ["string", "null"]}
OINT = {"type": ["integer", "null"], "minimum": 0}
ONUM = {"type": ["number", "null"]}
# Attribution.speaker_kind (rashomon.model.SPEAKER_KINDS; a test checks the two agree).
SPEAKER_KINDS = [
    "person", "organisation", "anonymous", "spokesperson", "official", "document", "outlet", "group"
]
ISO_DATE = {"type": ["string", "null"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?"}


def obj(required: dict[str, Any], optional: dict[str, Any] | None = None) -> dict[str, Any]:
    """An object schema whose listed keys are required; further keys are allowed (additive)."""
    props = {**required, **(optional or {})}
    return {"type": "object", "required": sorted(required), "properties": props}


def arr(items: dict[str, Any]) -> dict[str, Any]:
    """An array schema."""
    return {"type": "array", "items": items}


SPAN = {"start": INT, "end": INT}
EVIDENCE = obj({"article": STR, **SPAN})

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://rashomon.invalid/schemas/analysis-1.0.schema.json",
    "title": "rashomon analysis.json",
    "description": "Findings for one event; every finding carries article id and character "
    "offsets into that article's original text. Fields are only added, never renamed.",
    **obj(
        {
            "schema_version": {"type": "string", "pattern": r"^1\.\d+$"},
            "articles": arr(
                obj(
                    {
                        "id": STR,
                        "source": STR,
                        "outlet": OSTR,
                        "title": OSTR,
                        "published": ISO_DATE,
                        "author": OSTR,
                        "language": OSTR,
                        "translated_from": OSTR,
                        "relays": arr(
                            obj(
                                {"outlet": STR, **SPAN},
                                {"cue": STR, "relation": STR, "cue_start": INT, "cue_end": INT},
                            )
                        ),
                        "text": STR,
                        "boilerplate": arr(obj({**SPAN, "reason": STR}, {"score": NUM})),
                        "body": STR,
                        "duplicate_of": OSTR,
                    },
                    {"url": OSTR, "format": STR, "body_spans": arr(obj(SPAN))},
                )
            ),
            "errors": arr(obj({"source": STR, "reason": STR}, {"stage": OSTR})),
            "notices": arr(obj({"source": STR, "reason": STR, "kind": STR})),
        },
        {
            "event": obj({"id": STR, "name": STR}),
            "sentences": arr(obj({"article": STR, **SPAN})),
            "mentions": arr(
                obj({"article": STR, **SPAN, "text": STR, "label": STR, "entity": STR})
            ),
            "local_entities": arr(obj({"id": STR, "article": STR, "name": STR, "label": STR})),
            "attributions": arr(
                obj(
                    {
                        "article": STR,
                        "kind": {"enum": ["direct", "indirect", "according-to", "mixed"]},
                        "speaker": OSTR,
                        "speaker_resolved": OSTR,
                        "speaker_kind": {"enum": [*SPEAKER_KINDS, None]},
                        "speaker_affiliation": OSTR,
                        "speaker_start": OINT,
                        "speaker_end": OINT,
                        "cue": OSTR,
                        "content": STR,
                        **SPAN,
                        "relayed_from": OSTR,
                    }
                )
            ),
            "quantities": arr(
                obj(
                    {
                        "article": STR,
                        "slot": OSTR,
                        "value": NUM,
                        "low": ONUM,
                        "high": ONUM,
                        "qualifier": OSTR,
                        "attributed_to": OSTR,
                        **SPAN,
                    }
                )
            ),
            "times": arr(
                obj(
                    {
                        "article": STR,
                        "text": STR,
                        "date": ISO_DATE,
                        "granularity": STR,
                        "anchor": STR,
                        **SPAN,
                    },
                    {
                        "anchor_from": OSTR,
                        "anchor_date": ISO_DATE,
                        "happening": {"oneOf": [{"type": "null"}, obj(SPAN)]},
                    },
                )
            ),
            "hedges": arr(obj({"article": STR, "kind": STR, **SPAN})),
            "entities": arr(
                obj(
                    {
                        "id": STR,
                        "name": STR,
                        "type": STR,
                        "aliases": arr(STR),
                        "mentions": arr(EVIDENCE),
                        "merge_reasons": arr(STR),
                    }
                )
            ),
            "claims": arr(
                obj(
                    {
                        "id": STR,
                        "article": STR,
                        **SPAN,
                        "text": STR,
                        "voice": {"enum": ["author", "attributed"]},
                        "speaker": OSTR,
                        "relayed_from": OSTR,
                    }
                )
            ),
            "claim_groups": arr(
                obj(
                    {
                        "id": STR,
                        "label": STR,
                        "claims": arr(STR),
                        "outlets": arr(STR),
                        "independent_outlets": INT,
                    },
                    {
                        "independent_sources": arr(
                            obj(
                                {
                                    "origin": STR,
                                    "relation": STR,
                                    "outlets": arr(STR),
                                    "evidence": arr(EVIDENCE),
                                }
                            )
                        ),
                        "sourcing_note": STR,
                    },
                )
            ),
            "coverage_origins": {
                "type": "object",
                "additionalProperties": {"type": "object", "additionalProperties": STR},
            },
            "quote_integrity": arr(
                obj(
                    {
                        "id": STR,
                        "flags": arr(
                            {
                                "enum": [
                                    "truncated",
                                    "words-changed",
                                    "different-speaker",
                                    "paraphrase-as-quote",
                                ]
                            }
                        ),
                        "similarity": NUM,
                        "detail": STR,
                        "versions": {
                            **arr(
                                obj(
                                    {
                                        "article": STR,
                                        "outlet": STR,
                                        **SPAN,
                                        "text": STR,
                                        "speaker": OSTR,
                                        "quoted": BOOL,
                                    },
                                    {
                                        "speaker_start": OINT,
                                        "speaker_end": OINT,
                                        "attribution": STR,
                                    },
                                )
                            ),
                            "minItems": 2,
                            "maxItems": 2,
                        },
                    }
                )
            ),
            "sourcing": arr(
                obj(
                    {
                        "scope": {"enum": ["article", "outlet"]},
                        "key": STR,
                        "outlet": STR,
                        "total": INT,
                        "counts": {"type": "object", "additionalProperties": INT},
                        "shares": {"type": "object", "additionalProperties": NUM},
                    },
                    {"attributions": {"type": "object", "additionalProperties": arr(STR)}},
                )
            ),
            "coverage": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "additionalProperties": {
                        "enum": ["carries", "attributed", "contradicts", "omits"]
                    },
                },
            },
            "blindspots": {"type": "object", "additionalProperties": arr(STR)},
            "numbers": arr(
                obj(
                    {
                        "slot": STR,
                        "verdict": STR,
                        "values": arr(
                            obj({"article": STR, "low": ONUM, "high": ONUM, **SPAN})
                        ),
                    }
                )
            ),
            "disputes": arr(
                obj(
                    {
                        "id": STR,
                        "question": STR,
                        "kind": STR,
                        "score": NUM,
                        "sides": arr(
                            obj(
                                {
                                    "position": STR,
                                    "holders": arr(STR),
                                    "outlets": arr(STR),
                                    "stances": {
                                        "type": "object",
                                        "additionalProperties": {"enum": ["asserts", "reports"]},
                                    },
                                    "evidence": {**arr(EVIDENCE), "minItems": 1},
                                }
                            )
                        ),
                        "outlet_stances": {
                            "type": "object",
                            "additionalProperties": {"enum": ["asserts", "reports", "silent"]},
                        },
                    }
                )
            ),
            "framing": arr(
                obj({"article": STR, "outlet": STR, "word": STR, "authorial": BOOL, **SPAN})
            ),
            "timeline": arr(
                obj(
                    {
                        "date": STR,
                        "text": STR,
                        "articles": arr(STR),
                        "evidence": {**arr(EVIDENCE), "minItems": 1},
                    },
                    {"outlets": arr(STR), "note": STR},
                )
            ),
            "timeline_conflicts": arr(
                obj(
                    {
                        "id": STR,
                        "text": STR,
                        "versions": {
                            **arr(
                                obj(
                                    {
                                        "date": STR,
                                        "outlets": arr(STR),
                                        "evidence": {**arr(EVIDENCE), "minItems": 1},
                                    }
                                )
                            ),
                            "minItems": 2,
                        },
                    }
                )
            ),
            "brief": arr(
                obj(
                    {
                        "section": STR,
                        "text": STR,
                        "citations": {**arr(EVIDENCE), "minItems": 1},
                    }
                )
            ),
        },
    ),
}


def render() -> str:
    """The schema as the committed JSON text."""
    return json.dumps(SCHEMA, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    print(OUT)
