"""The seed files: seeds/<table>.csv read into rows, and the digest that tells whether they changed."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

from knowledge.errors import SeedError
from knowledge.store.schema import SEED_TABLES

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


def read_seed(table: str, seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """Rows of seeds/<table>.csv with empty cells as None and numbers as numbers."""
    path = seeds_dir / f"{table}.csv"
    if not path.exists():
        raise SeedError(f"缺少种子文件：{path}")
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            clean = {}
            for key, cell in row.items():
                if key in ("value", "yoy_growth"):
                    clean[key] = float(cell) if cell not in ("", None) else None
                elif key in ("year", "higher_is_better"):
                    clean[key] = int(cell) if cell not in ("", None) else None
                else:
                    clean[key] = cell if cell is not None else ""
            rows.append(clean)
    return rows


def seeds_digest(seeds_dir: Path = SEEDS_DIR) -> str:
    """SHA-256 (hex) over the seed files of SEED_TABLES, in their order."""
    digest = hashlib.sha256()
    for table in SEED_TABLES:
        digest.update((seeds_dir / f"{table}.csv").read_bytes())
    return digest.hexdigest()
