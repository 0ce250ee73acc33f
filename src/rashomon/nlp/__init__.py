"""Language pipelines and models: spaCy loading and speed shims, sentence encoders, model pins."""
