"""SVG to PNG, for handouts and contact sheets, through resvg (a Rust library on PyPI).

resvg-py ships resvg compiled into its wheel, so it needs no system libraries (cairosvg
would need Debian's libcairo2). PNGs show an animated figure's first frame: the start pose.
"""

from __future__ import annotations


def svg_to_png(svg: str, *, zoom: float = 1.0) -> bytes:
    """Return ``svg`` rendered as PNG bytes, ``zoom`` times its own size."""
    import resvg_py

    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=zoom, background="#ffffff"))
