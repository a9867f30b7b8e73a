"""The add-in's files (Outlook manifest, task pane, Thunderbird extension), served by the server."""

from pathlib import Path

ROOT = Path(__file__).parent
STATIC_DIR = ROOT / "static"
MANIFEST = ROOT / "manifest.xml"
# The URL the checked-in manifest targets; `mailtact manifest --url` and /manifest.xml replace it.
DEV_URL = "https://localhost:3000"


def manifest_for(url: str) -> str:
    """The manifest with every add-in URL pointing at `url` (scheme://host[:port])."""
    return MANIFEST.read_text(encoding="utf-8").replace(DEV_URL, url.rstrip("/"))
