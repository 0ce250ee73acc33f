"""``python -m rashomon``."""

from .cli import main

main()
