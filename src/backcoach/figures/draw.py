"""Draw the body in SVG as a rig: one group per segment, nested as the skeleton is.

    svg = body_svg(figure, [skeleton], view, uid="f1")              # one pose, still
    svg = body_svg(figure, keys, view, uid="f1", motion=motion)     # animated

Each segment's outline (:mod:`backcoach.figures.outline`) is written once in the
segment's own frame; a pose is only a rotation per joint and the hip's position. So an
animation needs the joint angles at the keyframes alone, eased by the SVG player as the
figure's own in-betweens are (slow in, slow out), plus the hip's path sampled along the
moves (it follows the anchor, a foot or a knee that stays put). That keeps an animated
figure near 10 KB.

The body is drawn in layers, back to front (far arm and leg, trunk, head, near leg and
arm); each layer gets a thin halo of the background colour first, so an arm across the
chest or one leg over the other stays readable in a single colour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from backcoach.figures import marks as m
from backcoach.figures.body import Skeleton
from backcoach.figures.geometry import Point
from backcoach.figures.outline import (
    PARENT,
    Part,
    frames,
    local_outline,
    parts,
    to_local,
)
from backcoach.figures.poses import Figure

EASE_SPLINE = ".37 0 .63 1"  # close to the figure's cosine easing (scene.ease)
HALO = 0.014  # metres of background colour around each layer


@dataclass(frozen=True)
class View:
    """The world window of a panel and where it sits on the page."""

    x0: float
    y1: float
    scale: float
    ox: float
    oy: float

    def point(self, p: Point) -> tuple[float, float]:
        return (self.ox + (p[0] - self.x0) * self.scale, self.oy + (self.y1 - p[1]) * self.scale)

    def px(self, p: Point) -> str:
        x, y = self.point(p)
        return f"{x:.1f} {y:.1f}"

    def xy(self, p: Point) -> tuple[str, str]:
        x, y = self.point(p)
        return (f"{x:.1f}", f"{y:.1f}")


@dataclass(frozen=True)
class Motion:
    """When each keyframe is shown and the hip's path in between, for an animation."""

    key_times: Sequence[float]
    path_times: Sequence[float]
    path: Sequence[Skeleton]
    duration: float


def colour(figure: Figure, bone: str, moving: set[str]) -> str:
    """Return the fill of a segment: teal when it moves, lighter on the far side."""
    far = "right" if figure.near == "left" else "left"
    is_far = figure.view == "side" and bone.endswith(f"_{far}")
    if bone in moving:
        return m.MOVE_FAR if is_far else m.MOVE
    return m.INK_FAR if is_far else m.INK


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0" if text in ("0.0", "-0.0") else text.removesuffix(".0")


def _path(points: list[Point], scale: float, whole: bool = False) -> str:
    if whole:  # an outline that changes (a limb turning toward the viewer): whole pixels
        return "M" + " ".join(f"{a * scale:.0f} {-up * scale:.0f}" for a, up in points) + "Z"
    return "M" + " ".join(f"{_fmt(a * scale)} {_fmt(-up * scale)}" for a, up in points) + "Z"


def _fraction(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text.removeprefix("0") or "0"


def _unwrap(angles: list[float]) -> list[float]:
    out = [angles[0]]
    for a in angles[1:]:
        a += 360 * round((out[-1] - a) / 360)
        out.append(a)
    return out


def _still(values: list[str]) -> bool:
    """Return whether values (numbers, or pairs) stay within half a unit of the first."""
    first = [float(v) for v in values[0].split()]
    return all(abs(float(v) - f) < 0.5 for value in values[1:]
               for v, f in zip(value.split(), first, strict=True))


def _animate(kind: str, values: list[str], times: Sequence[float], duration: float,
             eased: bool) -> str:
    key_times = ";".join(_fraction(t / duration) for t in times)
    timing = 'calcMode="linear"'
    if eased:
        splines = ";".join([EASE_SPLINE] * (len(values) - 1))
        timing = f'calcMode="spline" keySplines="{splines}"'
    head = (f'<animateTransform attributeName="transform" type="{kind}"' if kind != "d"
            else '<animate attributeName="d"')
    return (f'{head} dur="{duration:.2f}s" repeatCount="indefinite" {timing} '
            f'keyTimes="{key_times}" values="{";".join(values)}"/>')


class _Rig:
    """The per-keyframe transforms and outlines of every segment, as SVG strings."""

    def __init__(self, figure: Figure, keys: Sequence[Skeleton], view: View,
                 motion: Motion | None) -> None:
        self.figure, self.view, self.motion = figure, view, motion
        self.parts = [p for p in parts(figure.view, figure.near)
                      if not _covered(p, keys, figure.near)]
        key_frames = [frames(s) for s in keys]
        s = view.scale
        self.offsets: dict[str, list[str]] = {}
        self.angles: dict[str, list[str]] = {}
        for node, parent in PARENT.items():
            if parent is None:
                continue
            offs, angles = [], []
            for fr in key_frames:
                a, up = to_local(fr[parent], fr[node][0])
                offs.append(f"{_fmt(a * s)} {_fmt(-up * s)}")
                angles.append(fr[node][1] - fr[parent][1])
            self.offsets[node] = offs
            self.angles[node] = [_fmt(a) for a in _unwrap(angles)]
        self.angles["pelvis"] = [_fmt(a) for a in _unwrap([fr["pelvis"][1] for fr in key_frames])]
        self.hip = [view.px(frames(sk)["pelvis"][0]) for sk in keys]
        self.hip_times = motion.key_times if motion is not None else []
        if motion is not None and not _eased_enough(motion, keys, view):
            self.hip = [view.px(frames(sk)["pelvis"][0]) for sk in motion.path]
            self.hip_times = motion.path_times
        self.outlines = {}
        for p in self.parts:
            shapes = [_path(local_outline(p, sk), s) for sk in keys]
            if motion is not None and len(set(shapes)) > 1:
                shapes = [_path(local_outline(p, sk), s, whole=True) for sk in keys]
            self.outlines[p.bone] = shapes

    def _transform(self, kind: str, values: list[str], times: Sequence[float]) -> str:
        motion = self.motion
        if motion is None or _still(values):
            return ""
        return _animate(kind, values, times, motion.duration,
                        eased=times is not motion.path_times)

    def node(self, name: str, layer: str, needed: set[str], fills: dict[str, str]) -> str:
        motion = self.motion
        key_times = motion.key_times if motion else []
        if PARENT[name] is None:
            offs, times = self.hip, self.hip_times
        else:
            offs, times = self.offsets[name], key_times
        angles = self.angles[name]
        inner = "".join(self._part(p, fills) for p in self.parts
                        if p.node == name and p.layer == layer)
        inner += "".join(self.node(child, layer, needed, fills) for child, parent
                         in PARENT.items() if parent == name and child in needed)
        anim_t = self._transform("translate", offs, times)
        anim_r = self._transform("rotate", angles, key_times)
        return (f'<g transform="translate({offs[0]})">{anim_t}'
                f'<g transform="rotate({angles[0]})">{anim_r}{inner}</g></g>')

    def _part(self, part: Part, fills: dict[str, str]) -> str:
        shapes = self.outlines[part.bone]
        anim = ""
        if self.motion is not None and len(set(shapes)) > 1:
            anim = _animate("d", shapes, self.motion.key_times, self.motion.duration, True)
        return f'<path d="{shapes[0]}" fill="{fills[part.bone]}">{anim}</path>'


def _covered(part: Part, keys: Sequence[Skeleton], near: str) -> bool:
    """Return whether a far-side limb part lies exactly under its near twin in every key.

    Seen from the side, two limbs posed alike coincide, and the near one (drawn later,
    with its halo) hides the far one entirely: drawing it again only adds bytes.
    """
    if part.layer != "far":
        return False
    far = "right" if near == "left" else "left"
    twin = part.bone.removesuffix(far) + near
    for sk in keys:
        a, b = sk.bones[part.bone], sk.bones[twin]
        if max(abs(a.start[0] - b.start[0]), abs(a.start[1] - b.start[1]),
               abs(a.end[0] - b.end[0]), abs(a.end[1] - b.end[1])) > 1e-6:
            return False
    return True


def _eased_enough(motion: Motion, keys: Sequence[Skeleton], view: View) -> bool:
    """Return whether easing the hip between keyframes stays within a pixel of its path."""
    import bisect

    from backcoach.figures.scene import ease

    hips = [frames(sk)["pelvis"][0] for sk in keys]
    for t, sk in zip(motion.path_times, motion.path, strict=True):
        i = min(max(bisect.bisect_right(list(motion.key_times), t) - 1, 0), len(hips) - 2)
        t0, t1 = motion.key_times[i], motion.key_times[i + 1]
        f = ease((t - t0) / (t1 - t0)) if t1 > t0 else 1.0
        a, b = hips[i], hips[i + 1]
        guess = (a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f)
        here = frames(sk)["pelvis"][0]
        if max(abs(guess[0] - here[0]), abs(guess[1] - here[1])) * view.scale > 1.0:
            return False
    return True


def body_svg(figure: Figure, keys: Sequence[Skeleton], view: View, *, uid: str,
             moving: set[str], motion: Motion | None = None, opacity: float = 1.0,
             halo: bool = True) -> str:
    """Return the body's SVG: ``keys`` is one skeleton for a still, the keyframes else."""
    rig = _Rig(figure, keys, view, motion)
    fills = {p.bone: colour(figure, p.bone, moving) for p in rig.parts}
    if "head" in moving:
        fills["head"] = m.MOVE
    layers: list[str] = []
    for p in rig.parts:
        if p.layer not in layers:
            layers.append(p.layer)
    defs, uses = [], []
    width = max(HALO * view.scale, 0.8)
    for layer in layers:
        needed: set[str] = set()
        for p in rig.parts:
            if p.layer == layer:
                node: str | None = p.node
                while node is not None:
                    needed.add(node)
                    node = PARENT[node]
        content = rig.node("pelvis", layer, needed, fills)
        # Seen from the front the legs hang below the trunk: no line where they join.
        if not halo or (figure.view == "front" and layer == "trunk"):
            uses.append(content)
            continue
        ident = f"{uid}-{layer}"
        defs.append(f'<g id="{ident}">{content}</g>')
        uses.append(f'<use href="#{ident}" stroke="{m.BACKGROUND}" '
                    f'stroke-width="{width:.1f}" stroke-linejoin="round"/>'
                    f'<use href="#{ident}"/>')
    body = (f"<defs>{''.join(defs)}</defs>" if defs else "") + "".join(uses)
    if opacity != 1:
        return f'<g opacity="{opacity:g}">{body}</g>'
    return body

