"""Draws the add-in's icons (addin/static/assets/icon-<size>.png). Run once when the design
changes: `pip install pillow && python -m addin.icons`; the PNGs are checked in."""

from __future__ import annotations

from . import STATIC_DIR

SIZES = (16, 32, 64, 80, 128)


def draw(size: int):
    from PIL import Image, ImageDraw

    scale = 8  # draw large, shrink smoothly
    big = size * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(img)
    pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big // 5, fill=(36, 87, 197, 255))
    # an envelope flap and a check mark
    w = max(scale, big // 12)
    pen.line([(big * 0.2, big * 0.34), (big * 0.5, big * 0.56), (big * 0.8, big * 0.34)],
             fill=(255, 255, 255, 140), width=w // 2, joint="curve")
    pen.line([(big * 0.28, big * 0.55), (big * 0.44, big * 0.72), (big * 0.76, big * 0.36)],
             fill=(255, 255, 255, 255), width=w, joint="curve")
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    folder = STATIC_DIR / "assets"
    folder.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        draw(size).save(folder / f"icon-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
