"""Evaluation of rashomon's extractors against annotated data in public formats."""
