"""Exercise figures: a posed, animated human figure for every exercise of the catalog.

Usage::

    from backcoach.figures import load_figures, render_svg, svg_to_png

    figure = load_figures()["cat_cow"]
    animated = render_svg(figure)                 # SMIL animation between the keyframes
    end = render_svg(figure, pose="end")          # one pose, static
    png = svg_to_png(render_svg(figure, pose="all"))

The keyframes are data, next to the exercises: ``catalog/data/figures/<exercise_id>.yaml``
(see :mod:`backcoach.figures.poses`). :mod:`backcoach.figures.body` holds the segment
model (Winter's proportions) and the forward kinematics; :mod:`backcoach.figures.checks`
the plausibility checks that the tests run on every keyframe.
"""

from backcoach.figures.body import Body, Skeleton
from backcoach.figures.loader import FigureError, load_figures
from backcoach.figures.png import svg_to_png
from backcoach.figures.poses import Figure, Pose
from backcoach.figures.scene import keyframe, timeline
from backcoach.figures.svg import render_contact_sheet, render_strip, render_svg

__all__ = [
    "Body",
    "Figure",
    "FigureError",
    "Pose",
    "Skeleton",
    "keyframe",
    "load_figures",
    "render_contact_sheet",
    "render_strip",
    "render_svg",
    "svg_to_png",
    "timeline",
]
