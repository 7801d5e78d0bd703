"""Draw figures as SVG: one pose, every pose side by side, or the animated loop.

    from backcoach.figures import load_figures, render_svg

    svg = render_svg(load_figures()["cat_cow"])             # animated, SMIL only
    still = render_svg(load_figures()["cat_cow"], pose="end")

The style is calm and the same everywhere: a floor line, props in soft greys, the body
in slate with the far-side limbs lighter, and the segments that move in teal. The
animation is SMIL ``<animate>`` on path data and circle centres, no script: holds are
held (scaled, see :func:`~backcoach.figures.scene.shown_hold`) and moves take the
figure's seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from backcoach.figures import marks as m
from backcoach.figures.body import Body, Skeleton
from backcoach.figures.geometry import Point, add, angle_of, direction, sub
from backcoach.figures.poses import Figure
from backcoach.figures.props import marks as prop_marks
from backcoach.figures.scene import BODY, keyframe, moving_segments, timeline

PANEL = (400, 300)
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
MARGIN = 0.1  # metres of air around the figure


def body_marks(figure: Figure, body: Body = BODY) -> list[m.Mark]:
    """Return the marks of the body, back to front, coloured by side and movement."""
    moving = moving_segments(figure, body)
    far = "right" if figure.near == "left" else "left"

    def bone(name: str) -> m.Mark:
        is_far = figure.view == "side" and name.endswith(f"_{far}")
        if name in moving:
            colour = m.MOVE_FAR if is_far else m.MOVE
        else:
            colour = m.INK_FAR if is_far else m.INK
        return m.Mark("path", lambda s: [s.bones[name].start, s.bones[name].end],
                      stroke=colour, width=2 * body.radius(name, figure.view))

    def limb(kind: str, side: str) -> list[m.Mark]:
        names = (["thigh", "shank", "foot"] if kind == "leg"
                 else ["upper_arm", "forearm", "hand"])
        return [bone(f"{n}_{side}") for n in names]

    head_colour = m.MOVE if "head" in moving else m.INK
    head_r = body.radius("head", figure.view)
    head = m.Mark("circle", lambda s: [s.points["head"]], fill=head_colour, radius=head_r)
    out: list[m.Mark] = []
    if figure.view == "side":
        out += limb("arm", far) + limb("leg", far)
        out += [bone(n) for n in ("pelvis", "lumbar", "thoracic", "neck")]
        nose = m.Mark("circle", lambda s: [add(s.points["head"], s.face, head_r * 0.92)],
                      fill=head_colour, radius=head_r * 0.28)
        out += [head, nose]
        out += limb("leg", figure.near) + limb("arm", figure.near)
    else:
        out += limb("leg", "left") + limb("leg", "right")
        trunk_colour = m.MOVE if {"lumbar", "thoracic"} & moving else m.INK
        out.append(m.Mark("path", lambda s: _front_trunk(s, body), fill=trunk_colour,
                          stroke=trunk_colour, width=0.02, closed=True))
        out += [bone("neck"), head]
        out += limb("arm", "left") + limb("arm", "right")
    return out


def _front_trunk(s: Skeleton, body: Body) -> list[Point]:
    """Return the outline of the trunk seen from the front: shoulders, waist, hips."""
    left: list[Point] = []
    right: list[Point] = []
    for name, at_start in (("pelvis", True), ("lumbar", True), ("thoracic", True),
                           ("thoracic", False)):
        b = s.bones[name]
        across = direction(angle_of(sub(b.end, b.start)) + 90)
        point = b.start if at_start else b.end
        half = body.radius(name, "front")
        if name == "pelvis":
            half = body.height * 0.191 / 2 - 0.01  # Winter's hip width
        if not at_start:
            half = body.height * 0.259 / 2 - body.radius("upper_arm", "front")
        left.append(add(point, across, half))
        right.append(add(point, across, -half))
    return left + right[::-1]


@dataclass(frozen=True)
class _View:
    """The world window of a panel and where it sits on the page."""

    x0: float
    y1: float
    scale: float
    ox: float
    oy: float

    def px(self, p: Point) -> str:
        return f"{self.ox + (p[0] - self.x0) * self.scale:.1f} " \
               f"{self.oy + (self.y1 - p[1]) * self.scale:.1f}"

    def xy(self, p: Point) -> tuple[str, str]:
        return (f"{self.ox + (p[0] - self.x0) * self.scale:.1f}",
                f"{self.oy + (self.y1 - p[1]) * self.scale:.1f}")


def all_marks(figure: Figure, body: Body = BODY) -> tuple[list[m.Mark], list[m.Mark]]:
    """Return (marks under the floor line, marks over it) for a figure."""
    behind: list[m.Mark] = []
    front: list[m.Mark] = []
    for prop in figure.props:
        b, f = prop_marks(prop, figure.view, figure.floor)
        behind += b
        front += f
    ground: list[m.Mark] = []
    if figure.floor == "below":
        ground.append(m.line([(-6.0, 0.0), (6.0, 0.0)], stroke=m.FLOOR, width=0.012,
                             in_bbox=False))
    return ground + behind, body_marks(figure, body) + front


def _bbox(marks: Sequence[m.Mark], frames: Sequence[Skeleton],
          figure: Figure) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    for frame in frames:
        for mark in marks:
            if not mark.in_bbox:
                continue
            pad = mark.radius if mark.shape == "circle" else mark.width / 2
            for x, y in mark.points(frame):
                xs += [x - pad, x + pad]
                ys += [y - pad, y + pad]
    if figure.floor == "below":
        ys.append(-0.02)
    for prop in figure.props:
        if prop.kind == "water":
            ys += [(prop.y or 0.0) - 0.25, (prop.y or 0.0) + 0.1]
    return min(xs) - MARGIN, min(ys) - MARGIN, max(xs) + MARGIN, max(ys) + MARGIN


def _fit(bbox: tuple[float, float, float, float], width: float, height: float,
         ox: float, oy: float) -> _View:
    x0, y0, x1, y1 = bbox
    scale = min(width / (x1 - x0), height / (y1 - y0))
    # Centre horizontally; stand the figure on the panel's bottom edge area.
    pad_x = (width - (x1 - x0) * scale) / 2
    pad_y = (height - (y1 - y0) * scale) / 2
    return _View(x0, y1, scale, ox + pad_x, oy + pad_y)


def _element(mark: m.Mark, view: _View, frames: Sequence[Skeleton],
             times: Sequence[float] | None, duration: float) -> str:
    attrs = []
    if mark.fill:
        attrs.append(f'fill="{mark.fill}"')
    else:
        attrs.append('fill="none"')
    if mark.stroke:
        attrs.append(f'stroke="{mark.stroke}" stroke-width="{mark.width * view.scale:.1f}" '
                     'stroke-linecap="round" stroke-linejoin="round"')
    if mark.opacity != 1:
        attrs.append(f'opacity="{mark.opacity:g}"')
    style = " ".join(attrs)
    if mark.shape == "circle":
        centres = [view.xy(mark.points(f)[0]) for f in frames]
        r = f"{mark.radius * view.scale:.1f}"
        cx, cy = centres[0]
        anim = ""
        if times is not None and len(set(centres)) > 1:
            anim = (_animate("cx", [c[0] for c in centres], times, duration)
                    + _animate("cy", [c[1] for c in centres], times, duration))
        if anim:
            return f'<circle cx="{cx}" cy="{cy}" r="{r}" {style}>{anim}</circle>'
        return f'<circle cx="{cx}" cy="{cy}" r="{r}" {style}/>'
    paths = [_path(mark.points(f), view, mark.closed) for f in frames]
    if times is not None and len(set(paths)) > 1:
        return f'<path d="{paths[0]}" {style}>{_animate("d", paths, times, duration)}</path>'
    return f'<path d="{paths[0]}" {style}/>'


def _path(points: list[Point], view: _View, closed: bool) -> str:
    d = "M" + " L".join(view.px(p) for p in points)
    return d + " Z" if closed else d


def _animate(attribute: str, values: Sequence[str], times: Sequence[float],
             duration: float) -> str:
    key_times = ";".join(f"{t / duration:.4f}" for t in times)
    return (f'<animate attributeName="{attribute}" dur="{duration:.2f}s" '
            f'repeatCount="indefinite" calcMode="linear" keyTimes="{key_times}" '
            f'values="{";".join(values)}"/>')


def _panel(figure: Figure, frames: Sequence[Skeleton], times: Sequence[float] | None,
           duration: float, view: _View, marks: tuple[list[m.Mark], list[m.Mark]],
           clip: tuple[str, float, float, float, float] | None = None) -> str:
    """Return a panel's elements; ``clip`` (id, x, y, w, h) keeps floor lines inside it."""
    under, over = marks
    body = "".join(_element(mark, view, frames, times, duration) for mark in under + over)
    if clip is None:
        return body
    name, x, y, w, h = clip
    return (f'<clipPath id="{name}"><rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" '
            f'height="{h:.0f}"/></clipPath><g clip-path="url(#{name})">{body}</g>')


def _document(width: float, height: float, body: str, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
            f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">'
            f"<title>{escape(title)}</title>"
            f'<rect width="100%" height="100%" fill="{m.BACKGROUND}"/>{body}</svg>\n')


def render_svg(figure: Figure, *, pose: str | None = None, title: str | None = None,
               size: tuple[int, int] = PANEL, body: Body = BODY) -> str:
    """Return the figure as an SVG document.

    ``pose`` None: the animated loop (the first frame, the start pose, is what a viewer
    without animation shows); a pose id: that pose alone; ``"all"``: every pose side by
    side, labelled. Raises KeyError for an unknown pose id.
    """
    marks = all_marks(figure, body)
    title = title or figure.exercise
    if pose == "all":
        return render_strip(figure, title=title, size=size, body=body)
    if pose is None:
        loop = timeline(figure, body)
        frames: list[Skeleton] = loop.frames
        view = _fit(_bbox(marks[0] + marks[1], frames, figure), *size, 0, 0)
        content = _panel(figure, frames, loop.times, loop.duration, view, marks)
        return _document(*size, content, title)
    frame = keyframe(figure, pose, body)
    view = _fit(_bbox(marks[0] + marks[1], [frame], figure), *size, 0, 0)
    return _document(*size, _panel(figure, [frame], None, 0, view, marks), f"{title}: {pose}")


def strip(figure: Figure, ox: float, oy: float, panel: tuple[int, int],
          body: Body = BODY, labels: bool = True) -> str:
    """Return SVG elements drawing every pose of ``figure`` side by side, same scale."""
    marks = all_marks(figure, body)
    frames = [keyframe(figure, p.id, body) for p in figure.poses]
    bbox = _bbox(marks[0] + marks[1], frames, figure)
    w, h = panel
    label_h = 16 if labels else 0
    scale_view = _fit(bbox, w, h - label_h, 0, 0)
    parts = []
    for i, (pose, frame) in enumerate(zip(figure.poses, frames, strict=True)):
        view = _View(scale_view.x0, scale_view.y1, scale_view.scale,
                     ox + i * w + scale_view.ox, oy + scale_view.oy)
        clip = (f"{figure.exercise}-{pose.id}", ox + i * w, oy, w, h)
        parts.append(_panel(figure, [frame], None, 0, view, marks, clip))
        if labels:
            parts.append(f'<text x="{ox + i * w + w / 2:.0f}" y="{oy + h - 4:.0f}" '
                         f'font-family="{FONT}" font-size="12" fill="{m.PROP_DARK}" '
                         f'text-anchor="middle">{escape(pose.id)}</text>')
    return "".join(parts)


def render_strip(figure: Figure, *, title: str, size: tuple[int, int] = PANEL,
                 body: Body = BODY) -> str:
    """Return every pose of the figure side by side as one SVG document."""
    width = size[0] * len(figure.poses)
    return _document(width, size[1], strip(figure, 0, 0, size, body), f"{title}: all poses")


def render_contact_sheet(figures: Sequence[Figure], names: dict[str, str], *,
                         columns: int = 2, panel: tuple[int, int] = (160, 120),
                         body: Body = BODY) -> str:
    """Return one SVG with every figure's poses, named, in a grid: for a person to review."""
    most = max(len(f.poses) for f in figures)
    cell_w, cell_h, head_h = panel[0] * most + 20, panel[1] + 26, 22
    rows = (len(figures) + columns - 1) // columns
    parts = []
    for i, figure in enumerate(figures):
        ox, oy = (i % columns) * cell_w, (i // columns) * (cell_h + 4)
        parts.append(f'<rect x="{ox + 4}" y="{oy + 2}" width="{cell_w - 8}" '
                     f'height="{cell_h}" rx="6" fill="none" stroke="#e3e7eb"/>')
        name = names.get(figure.exercise, figure.exercise)
        parts.append(f'<text x="{ox + 12}" y="{oy + 18}" font-family="{FONT}" '
                     f'font-size="14" font-weight="bold" fill="{m.INK}">{escape(name)}'
                     f'<tspan font-weight="normal" fill="{m.PROP_DARK}" font-size="11">'
                     f"  {escape(figure.exercise)} · {figure.view} view</tspan></text>")
        parts.append(strip(figure, ox + 10, oy + head_h, (panel[0], panel[1]), body))
    return _document(columns * cell_w, rows * (cell_h + 4) + 4, "".join(parts),
                     "backcoach: every exercise figure")
