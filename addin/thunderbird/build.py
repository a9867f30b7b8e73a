"""Builds the Thunderbird extension: `python -m addin.thunderbird.build [-o out.xpi]`.

The .xpi is a zip with manifest.json at its root: this folder's extension files and _locales,
plus the shared core (core.js, pane.js, pane.css), the pane's strings (i18n/) and the icons,
copied from addin/static so that Outlook and Thunderbird run the same code. Entries are sorted
and dated 1980-01-01, so the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from .. import STATIC_DIR

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
DEFAULT_OUT = ROOT / "dist" / "mailtact-thunderbird.xpi"
OWN_SUFFIXES = (".json", ".js", ".html", ".css")
SHARED = ("core.js", "pane.js", "pane.css")
ICON_SIZES = (16, 32, 64, 128)


def files() -> dict[str, Path]:
    """Every entry of the .xpi (its name inside) and the file it comes from."""
    entries = {p.name: p for p in sorted(HERE.iterdir())
               if p.is_file() and p.suffix in OWN_SUFFIXES}
    for path in sorted((HERE / "_locales").glob("*/messages.json")):
        entries[path.relative_to(HERE).as_posix()] = path
    for name in SHARED:
        entries[name] = STATIC_DIR / name
    for path in sorted((STATIC_DIR / "i18n").glob("*.json")):
        entries[f"i18n/{path.name}"] = path
    for size in ICON_SIZES:
        entries[f"icons/icon-{size}.png"] = STATIC_DIR / "assets" / f"icon-{size}.png"
    return entries


def build(out: Path = DEFAULT_OUT) -> Path:
    """Write the .xpi to `out` and return its path."""
    entries = files()
    out.parent.mkdir(parents=True, exist_ok=True)
    names = ["manifest.json"] + sorted(n for n in entries if n != "manifest.json")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as xpi:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            xpi.writestr(info, entries[name].read_bytes())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m addin.thunderbird.build",
                                     description="Build the Thunderbird extension (.xpi).")
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT,
                        help=f"where to write the .xpi (default: {DEFAULT_OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    out = build(args.output)
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
