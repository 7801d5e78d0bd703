"""Draw figures as SVG: one pose, every pose side by side, or the animated loop.

    from backcoach.figures import load_figures, render_svg

    svg = render_svg(load_figures()["cat_cow"])             # animated, SMIL only
    still = render_svg(load_figures()["cat_cow"], pose="end")

The style is calm and the same everywhere: a floor line, props in soft greys, the body
in slate with the far-side limbs lighter, and the segments that move in teal. A still
pose other than the start shows the start pose as a faint ghost beneath it and an arrow
for the part that moves. The picture is cropped to the body and its props with a small
margin: a lying figure gives a low, wide picture, a standing one a taller one. The
animation is SMIL only, no script (see :mod:`backcoach.figures.draw`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from backcoach.figures import marks as m
from backcoach.figures.body import Body, Skeleton
from backcoach.figures.draw import Motion, View, body_svg
from backcoach.figures.geometry import Point
from backcoach.figures.motion import motion_arrows
from backcoach.figures.outline import parts, world_outline
from backcoach.figures.poses import Figure
from backcoach.figures.props import marks as prop_marks
from backcoach.figures.scene import BODY, keyframe, moving_segments, timeline

PANEL = (400, 300)
FONT = "DejaVu Sans, Helvetica, Arial, sans-serif"
MARGIN = 0.08  # metres of air around the figure
LOWEST = 0.4  # a panel is at least this fraction of its width high
LABEL = 18  # pixels under a panel for its pose's name


@dataclass(frozen=True)
class Scene:
    """What one panel draws: props under and over the body, the body's poses, arrows."""

    figure: Figure
    under: list[m.Mark]
    over: list[m.Mark]
    poses: list[Skeleton]  # every pose the panel may show (for the crop)


def _scene(figure: Figure, frames: list[Skeleton]) -> Scene:
    under: list[m.Mark] = []
    over: list[m.Mark] = []
    for prop in figure.props:
        b, f = prop_marks(prop, figure.view, figure.floor)
        under += b
        over += f
    if figure.floor == "below":
        under.insert(0, m.line([(-6.0, 0.0), (6.0, 0.0)], stroke=m.FLOOR, width=0.012,
                               in_bbox=False))
    return Scene(figure, under, over, frames)


def _bbox(scene: Scene, extra: Sequence[m.Mark] = ()) -> tuple[float, float, float, float]:
    xs: list[float] = []
    ys: list[float] = []
    figure = scene.figure
    body_parts = parts(figure.view, figure.near)
    for frame in scene.poses:
        for part in body_parts:
            for x, y in world_outline(part, frame):
                xs.append(x)
                ys.append(y)
        for mark in [*scene.under, *scene.over, *extra]:
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
            ys += [(prop.y or 0.0) - 0.2, (prop.y or 0.0) + 0.06]
    return min(xs) - MARGIN, min(ys) - MARGIN, max(xs) + MARGIN, max(ys) + MARGIN


def panel_height(bbox: tuple[float, float, float, float], width: float, most: float) -> float:
    """Return the height of a panel ``width`` wide holding ``bbox``: its aspect, clamped."""
    x0, y0, x1, y1 = bbox
    return max(LOWEST * width, min(most, width * (y1 - y0) / (x1 - x0)))


def fit(bbox: tuple[float, float, float, float], width: float, height: float,
        ox: float, oy: float) -> View:
    """Return the view that fits ``bbox`` in the box, centred across, resting on its bottom."""
    x0, y0, x1, y1 = bbox
    scale = min(width / (x1 - x0), height / (y1 - y0))
    pad_x = (width - (x1 - x0) * scale) / 2
    pad_y = height - (y1 - y0) * scale
    return View(x0, y1, scale, ox + pad_x, oy + pad_y)


def _element(mark: m.Mark, view: View, frames: Sequence[Skeleton],
             times: Sequence[float] | None, duration: float) -> str:
    attrs = [f'fill="{mark.fill}"' if mark.fill else 'fill="none"']
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


def _path(points: list[Point], view: View, closed: bool) -> str:
    d = "M" + " L".join(view.px(p) for p in points)
    return d + " Z" if closed else d


def _animate(attribute: str, values: Sequence[str], times: Sequence[float],
             duration: float) -> str:
    key_times = ";".join(f"{t / duration:.4f}" for t in times)
    return (f'<animate attributeName="{attribute}" dur="{duration:.2f}s" '
            f'repeatCount="indefinite" calcMode="linear" keyTimes="{key_times}" '
            f'values="{";".join(values)}"/>')


def _clip(name: str, x: float, y: float, w: float, h: float, body: str) -> str:
    return (f'<clipPath id="{name}"><rect x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" '
            f'height="{h:.0f}"/></clipPath><g clip-path="url(#{name})">{body}</g>')


def still_panel(scene: Scene, pose: str, view: View, uid: str, body: Body = BODY,
                arrows: Sequence[m.Mark] = ()) -> str:
    """Return one pose drawn still, over a ghost of the start pose when it is another."""
    figure = scene.figure
    frame = keyframe(figure, pose, body)
    moving = moving_segments(figure, body)
    out = "".join(_element(mk, view, [frame], None, 0) for mk in scene.under)
    if pose != "start":
        start = keyframe(figure, "start", body)
        out += body_svg(figure, [start], view, uid=f"{uid}g", moving=set(), opacity=m.GHOST,
                        halo=False)
    out += body_svg(figure, [frame], view, uid=uid, moving=moving)
    out += "".join(_element(mk, view, [frame], None, 0) for mk in [*scene.over, *arrows])
    return out


def _document(width: float, height: float, body: str, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
            f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}">'
            f"<title>{escape(title)}</title>"
            f'<rect width="100%" height="100%" fill="{m.BACKGROUND}"/>{body}</svg>\n')


def render_svg(figure: Figure, *, pose: str | None = None, title: str | None = None,
               size: tuple[int, int] = PANEL, body: Body = BODY) -> str:
    """Return the figure as an SVG document, ``size[0]`` wide and at most ``size[1]`` high.

    ``pose`` None: the animated loop (the first frame, the start pose, is what a viewer
    without animation shows); a pose id: that pose alone, with the start pose as a ghost
    and a motion arrow; ``"all"``: every pose side by side, labelled. Raises KeyError for
    an unknown pose id.
    """
    title = title or figure.exercise
    if pose == "all":
        return render_strip(figure, title=title, size=size, body=body)
    if pose is None:
        return _animated(figure, title, size, body)
    frame = keyframe(figure, pose, body)
    scene = _scene(figure, [frame] if pose == "start" else
                   [frame, keyframe(figure, "start", body)])
    arrows = motion_arrows(figure, pose, body)
    bbox = _bbox(scene, arrows)
    height = panel_height(bbox, size[0], size[1])
    view = fit(bbox, size[0], height, 0, 0)
    content = still_panel(scene, pose, view, "b", body, arrows)
    return _document(size[0], height, content, f"{title}: {pose}")


def _animated(figure: Figure, title: str, size: tuple[int, int], body: Body) -> str:
    loop = timeline(figure, body)
    keyed = [i for i, key in enumerate(loop.keys) if key]
    scene = _scene(figure, [loop.frames[i] for i in keyed])
    bbox = _bbox(scene)
    height = panel_height(bbox, size[0], size[1])
    view = fit(bbox, size[0], height, 0, 0)
    motion = Motion([loop.times[i] for i in keyed], loop.times, loop.frames, loop.duration)
    props = [(mk, True) for mk in scene.under] + [(mk, False) for mk in scene.over]
    under = "".join(_element(mk, view, loop.frames, loop.times, loop.duration)
                    for mk, below in props if below)
    over = "".join(_element(mk, view, loop.frames, loop.times, loop.duration)
                   for mk, below in props if not below)
    person = body_svg(figure, [loop.frames[i] for i in keyed], view, uid="b",
                      moving=moving_segments(figure, body), motion=motion)
    return _document(size[0], height, under + person + over, title)


def strip(figure: Figure, ox: float, oy: float, panel: tuple[int, int],
          body: Body = BODY, labels: bool = True) -> tuple[str, float]:
    """Return (SVG elements, height): every pose of ``figure`` side by side, same scale.

    Each panel is ``panel[0]`` wide and at most ``panel[1]`` high, cropped to the poses;
    the pose's name sits just under it.
    """
    frames = [keyframe(figure, p.id, body) for p in figure.poses]
    scene = _scene(figure, frames)
    arrows = {p.id: motion_arrows(figure, p.id, body) for p in figure.poses}
    bbox = _bbox(scene, [a for marks in arrows.values() for a in marks])
    w = panel[0]
    h = panel_height(bbox, w, panel[1] - (LABEL if labels else 0))
    fitted = fit(bbox, w, h, 0, 0)
    out = []
    for i, pose in enumerate(figure.poses):
        view = View(fitted.x0, fitted.y1, fitted.scale, ox + i * w + fitted.ox, oy + fitted.oy)
        uid = f"{figure.exercise}-{pose.id}"
        drawn = still_panel(scene, pose.id, view, uid, body, arrows[pose.id])
        out.append(_clip(f"c-{uid}", ox + i * w, oy, w, h, drawn))
        if labels:
            out.append(f'<text x="{ox + i * w + w / 2:.0f}" y="{oy + h + LABEL - 5:.0f}" '
                       f'font-family="{FONT}" font-size="12" fill="{m.PROP_DARK}" '
                       f'text-anchor="middle">{escape(pose.id)}</text>')
    return "".join(out), h + (LABEL if labels else 0)


def render_strip(figure: Figure, *, title: str, size: tuple[int, int] = PANEL,
                 body: Body = BODY) -> str:
    """Return every pose of the figure side by side as one SVG document."""
    content, height = strip(figure, 0, 0, size, body)
    return _document(size[0] * len(figure.poses), height, content, f"{title}: all poses")


def render_contact_sheet(figures: Sequence[Figure], names: dict[str, str], *,
                         columns: int = 2, panel: tuple[int, int] = (160, 130),
                         body: Body = BODY) -> str:
    """Return one SVG with every figure's poses, named, in a grid: for a person to review."""
    most = max(len(f.poses) for f in figures)
    cell_w, head_h = panel[0] * most + 20, 24
    cells = [strip(f, 0, 0, panel, body) for f in figures]
    parts_out = []
    y = 4.0
    for row in range(0, len(figures), columns):
        row_h = max(h for _, h in cells[row:row + columns]) + head_h + 8
        for col, figure in enumerate(figures[row:row + columns]):
            ox = col * cell_w
            content = (f'<g transform="translate({ox + 10} {y + head_h:.0f})">'
                       f"{cells[row + col][0]}</g>")
            name = names.get(figure.exercise, figure.exercise)
            parts_out.append(
                f'<rect x="{ox + 4}" y="{y - 2:.0f}" width="{cell_w - 8}" '
                f'height="{row_h - 4:.0f}" rx="6" fill="none" stroke="#e3e7eb"/>'
                f'<text x="{ox + 12}" y="{y + 15:.0f}" font-family="{FONT}" font-size="14" '
                f'font-weight="bold" fill="{m.INK}">{escape(name)}</text>'
                f'<text x="{ox + cell_w - 12}" y="{y + 15:.0f}" font-family="{FONT}" '
                f'font-size="11" fill="{m.PROP_DARK}" text-anchor="end">'
                f"{escape(figure.exercise)} · {figure.view} view</text>{content}")
        y += row_h
    return _document(columns * cell_w, y + 2, "".join(parts_out),
                     "backcoach: every exercise figure")
