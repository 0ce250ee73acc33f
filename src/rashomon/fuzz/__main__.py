"""``python -m rashomon.fuzz``: run a fuzz campaign and print the report."""

import sys

from rashomon.fuzz import main

sys.exit(main())
