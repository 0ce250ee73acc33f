"""Pure per-event logic (no I/O): many articles' findings in, cross-outlet findings out."""
