"""``python -m backcoach.catalog.translate skeleton|check LANG``: the translator's tool
for the catalog's texts in another language (see :mod:`backcoach.catalog.translations`)."""

from __future__ import annotations

import sys
from pathlib import Path

from backcoach.catalog.translations import LANGUAGES, skeleton


def write_skeletons(data: Path, lang: str) -> list[Path]:
    """Write a skeleton for each data file (figures and motion rules aside: no prose) that
    has no ``lang`` file yet; return the files written."""
    import yaml

    written = []
    for path in sorted(data.rglob("*.yaml")):
        rel = path.relative_to(data)
        if rel.parts[0] in (*LANGUAGES, "figures", "motion"):
            continue
        target = data / lang / rel
        if target.exists():
            continue
        english = yaml.safe_load(path.read_text(encoding="utf-8"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(skeleton(english), allow_unicode=True,
                                         sort_keys=False, width=100), encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    """``skeleton LANG``: write the files to translate; ``check LANG``: load the catalog in
    LANG and list what is missing."""
    from backcoach.catalog.loader import CatalogError, load_catalog
    from backcoach.catalog.names import DATA_DIR

    if len(argv) != 2 or argv[0] not in ("skeleton", "check") or argv[1] not in LANGUAGES:
        print("usage: python -m backcoach.catalog.translate skeleton|check LANG "
              f"(LANG: {', '.join(LANGUAGES[1:])})", file=sys.stderr)
        return 2
    if argv[0] == "skeleton":
        for path in write_skeletons(DATA_DIR, argv[1]):
            print(path.relative_to(DATA_DIR))
        return 0
    try:
        load_catalog(DATA_DIR, lang=argv[1])
    except CatalogError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    print(f"the catalog in {argv[1]} is complete")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
