"""Render Goldseam's hicolor icons from its SVG, at build time (the PNGs are never committed).

    QT_QPA_PLATFORM=offscreen python packaging/linux/make_icons.py OUTPUT_FOLDER

writes, under OUTPUT_FOLDER (for example build/icons):

    hicolor/NxN/apps/io.github.goldseam.Goldseam.png      N = 16 24 32 48 64 128 256 512
    hicolor/scalable/apps/io.github.goldseam.Goldseam.svg
    hicolor/symbolic/apps/io.github.goldseam.Goldseam-symbolic.svg

from resources/icons/goldseam.svg and resources/icons/io.github.goldseam.Goldseam-symbolic.svg
(--svg and --symbolic name others). The renderer is PySide6's QSvgRenderer (QtSvg comes with
PySide6-Essentials), the one Goldseam's window draws its own icon with.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from install_desktop import APP_ID, ICON_SIZES, SVG_ICON, SYMBOLIC_ICON  # noqa: E402


def render(svg: Path, size: int):
    """The SVG drawn into a transparent size x size QImage (straight alpha, ready to save)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg} is not an SVG Qt can draw")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image.convertToFormat(QImage.Format.Format_ARGB32)


def make_icons(output: Path, svg: Path = SVG_ICON, symbolic: Path = SYMBOLIC_ICON,
               sizes: tuple[int, ...] = ICON_SIZES) -> list[Path]:
    """Every icon file written under output/hicolor, in order."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 - kept alive while drawing
    written = []
    for size in sizes:
        target = output / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render(svg, size).save(str(target), "PNG"):
            raise SystemExit(f"make_icons: could not write {target}")
        written.append(target)
    for source, place, name in ((svg, "scalable", f"{APP_ID}.svg"), (symbolic, "symbolic", f"{APP_ID}-symbolic.svg")):
        target = output / "hicolor" / place / "apps" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make_icons.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="the folder that receives hicolor/ (for example build/icons)")
    parser.add_argument("--svg", type=Path, default=SVG_ICON, help="the full-colour icon (default: %(default)s)")
    parser.add_argument("--symbolic", type=Path, default=SYMBOLIC_ICON,
                        help="the symbolic icon (default: %(default)s)")
    args = parser.parse_args(argv)
    for path in make_icons(args.output, args.svg, args.symbolic):
        print(path.relative_to(args.output) if path.is_relative_to(args.output) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
