"""Pure per-article extraction logic (no I/O): one article's text and parse in, findings with
spans out."""
