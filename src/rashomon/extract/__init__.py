"""Pure extraction functions used by stages: text and options in, findings out, no I/O."""
