"""Load and cross-check the catalog data: one call, one error type.

``load_catalog()`` reads every YAML file under ``data/``, validates each against the schema
in :mod:`backcoach.catalog.models`, then checks the files against each other (unique ids
and aliases, program items naming real exercises and variants, known condition tags and
source sections). All problems are collected and raised together as one
:class:`CatalogError`, each naming the file, the entry and the field.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from backcoach.catalog.catalog import Catalog
from backcoach.catalog.models import (
    Caution,
    Condition,
    Exercise,
    Guidance,
    Program,
    Section,
)
from backcoach.catalog.names import DATA_DIR as DATA_DIR
from backcoach.catalog.parsed import NotYaml, ParsedFiles, cache_name, parse_yaml
from backcoach.errors import BrokenDataError

_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
M = TypeVar("M", bound=BaseModel)
E = TypeVar("E", Exercise, Program)
U = TypeVar("U", Exercise, Program, Condition, Section)

@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the data allows."""

    file: str
    entry: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.entry:
            where += f", entry '{self.entry}'"
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


def read_mappings(folder: Path, label: str, described: str,
                  what: str) -> tuple[list[tuple[str, str, dict[str, Any]]], list[Problem]]:
    """Read every ``*.yaml`` of a data folder that holds one entry per file (figures,
    motion rules): return (file, stem, mapping) for each that reads as a mapping, its file
    named ``label/NAME.yaml``, and a :class:`Problem` for each that does not (or for a
    missing folder, ``described`` in words); ``what`` names the fields expected."""
    if not folder.is_dir():
        return [], [Problem(str(folder), None, None, f"the {described} folder does not exist")]
    found: list[tuple[str, str, dict[str, Any]]] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        file = f"{label}/{path.name}"
        try:
            raw = parse_yaml(path.read_text(encoding="utf-8"))
        except (NotYaml, OSError) as exc:
            problems.append(Problem(file, None, None, f"cannot be read as YAML: {exc}"))
            continue
        if not isinstance(raw, dict):
            problems.append(Problem(file, None, None, f"expected a mapping of {what} fields"))
            continue
        found.append((file, path.stem, raw))
    return found, problems


def error_text(err: Any, known: list[str]) -> str:
    """Return what one pydantic error of a data file says: an unknown field with the
    known one it is likely a typo of, else the message with the value given (when it is
    not a whole mapping or list)."""
    if err["type"] == "extra_forbidden":
        name = str(err["loc"][-1])
        close = difflib.get_close_matches(name, known, n=1)
        return f"unknown field '{name}'" + (f"; did you mean '{close[0]}'?" if close else "")
    message = str(err["msg"]).removeprefix("Value error, ")
    if not isinstance(err.get("input"), dict | list):
        message += f" (got {err.get('input')!r})"
    return message


class CatalogError(BrokenDataError):
    """The catalog data is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"the catalog data has {len(problems)} problem(s):\n{lines}")


class _Collector:
    def __init__(self, root: Path, parsed: ParsedFiles | None = None,
                 lang: str = "en") -> None:
        self.root = root
        self.parsed = parsed  # files parsed by an earlier run, if kept
        self.lang = lang  # another language's texts are laid over the English data
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def add(self, file: str, entry: str | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(file, entry, field, message))

    def read(self, path: Path) -> Any:
        english = self._read(path)
        if self.lang == "en" or english is None:
            return english
        from backcoach.catalog.translations import overlay

        parallel = self.root / self.lang / path.relative_to(self.root)
        translated = self._read(parallel) if parallel.exists() else None
        file = self.rel(parallel)
        return overlay(english, translated, self.lang,
                       lambda where, message: self.add(file, None, where, message))

    def _read(self, path: Path) -> Any:
        try:
            if self.parsed is not None:
                return self.parsed.load(path)
            return parse_yaml(path.read_text(encoding="utf-8"))
        except NotYaml as exc:
            self.add(self.rel(path), None, None, f"not valid YAML: {exc}")
        except OSError as exc:
            self.add(self.rel(path), None, None, f"cannot be read: {exc}")
        return None

    def validate(
        self, model: type[M], raw: Any, file: str, entry: str | None
    ) -> M | None:
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(part) for part in err["loc"]) or None
                if err["type"] == "extra_forbidden":
                    name = str(err["loc"][-1])
                    close = difflib.get_close_matches(name, _field_names(model), n=1)
                    hint = f"; did you mean '{close[0]}'?" if close else ""
                    self.add(file, entry, field, f"unknown field '{name}'{hint}")
                    continue
                got = err.get("input")
                shown = "" if isinstance(got, dict | list) else f" (got {got!r})"
                self.add(file, entry, field, f"{err['msg']}{shown}")
            return None


@cache
def _field_names(model: type[BaseModel]) -> list[str]:
    """Return the field names of ``model`` and of every model nested in it."""
    names: list[str] = []
    for name, info in model.model_fields.items():
        names.append(name)
        for arg in [info.annotation, *getattr(info.annotation, "__args__", ())]:
            for inner in [arg, *getattr(arg, "__args__", ())]:
                if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not model:
                    names.extend(_field_names(inner))
    return sorted(set(names))


def _entry_name(raw: Any, fallback: str) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    return fallback


def _load_list(
    col: _Collector, path: Path, model: type[M], key: str
) -> list[M]:
    raw = col.read(path)
    if raw is None:
        if path.exists():
            col.add(col.rel(path), None, None, "the file is empty")
        return []
    items = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        col.add(col.rel(path), None, key, f"expected a top-level '{key}:' list")
        return []
    out = []
    for index, item in enumerate(items):
        name = _entry_name(item, f"#{index + 1}")
        valid = col.validate(model, item, col.rel(path), name)
        if valid is not None:
            out.append(valid)
    return out


def _load_one_per_file(col: _Collector, folder: Path, model: type[E]) -> list[E]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        raw = col.read(path)
        file = col.rel(path)
        if not isinstance(raw, dict):
            if raw is not None or path.stat().st_size == 0:
                col.add(file, None, None, "expected a mapping with one entry's fields")
            continue
        valid = col.validate(model, raw, file, _entry_name(raw, path.stem))
        if valid is None:
            continue
        if valid.id != path.stem:
            col.add(file, valid.id, "id", f"the id must match the file name '{path.stem}'")
        out.append(valid)
    return out


def _check_source(col: _Collector, file: str, entry: str, field: str, source: str,
                  sections: set[str]) -> None:
    # A slug is a section of the source text; anything else names a clinical guideline.
    if _SLUG.match(source) and source not in sections:
        col.add(file, entry, field, f"unknown source section '{source}'")


def _check_cautions(col: _Collector, file: str, entry: str, cautions: list[Caution],
                    conditions: set[str], sections: set[str]) -> None:
    for i, caution in enumerate(cautions):
        if caution.condition not in conditions:
            col.add(file, entry, f"cautions.{i}.condition",
                    f"unknown condition tag '{caution.condition}' "
                    f"(known: {', '.join(sorted(conditions))})")
        _check_source(col, file, entry, f"cautions.{i}.source", caution.source, sections)


def _cross_check(col: _Collector, catalog: Catalog) -> None:
    sections = set(catalog.sections)
    conditions = set(catalog.conditions)

    seen_names: dict[str, str] = {}
    for ex in catalog.exercises.values():
        file = f"exercises/{ex.id}.yaml"
        for name in [ex.name, *ex.aliases]:
            key = name.casefold()
            owner = seen_names.setdefault(key, ex.id)
            if owner != ex.id:
                col.add(file, ex.id, "aliases", f"'{name}' already names exercise '{owner}'")
        variant_ids = [v.id for v in ex.variants]
        for dup in {v for v in variant_ids if variant_ids.count(v) > 1}:
            col.add(file, ex.id, "variants", f"variant id '{dup}' is used twice")
        for i, ref in enumerate(ex.source):
            _check_source(col, file, ex.id, f"source.{i}.section", ref.section, sections)
        for vi, variant in enumerate(ex.variants):
            for i, ref in enumerate(variant.source):
                _check_source(col, file, ex.id, f"variants.{vi}.source.{i}.section",
                              ref.section, sections)
        _check_cautions(col, file, ex.id, ex.cautions, conditions, sections)

    for program in catalog.programs.values():
        file = f"programs/{program.id}.yaml"
        _check_source(col, file, program.id, "source.section", program.source.section,
                      sections)
        _check_cautions(col, file, program.id, program.cautions, conditions, sections)
        for bi, block in enumerate(program.blocks):
            for ii, item in enumerate(block.items):
                field = f"blocks.{bi}.items.{ii}"
                found = catalog.exercises.get(item.exercise)
                if found is None:
                    col.add(file, program.id, f"{field}.exercise",
                            f"no exercise with id '{item.exercise}'"
                            + catalog.suggestion(item.exercise, catalog.exercises))
                elif item.variant and item.variant not in {v.id for v in found.variants}:
                    col.add(file, program.id, f"{field}.variant",
                            f"exercise '{found.id}' has no variant '{item.variant}'")

    for i, rule in enumerate(catalog.guidance.rules):
        _check_source(col, "guidance.yaml", rule.id, f"rules.{i}.source", rule.source,
                      sections)


def _unique(col: _Collector, items: list[U], file_of: str) -> dict[str, U]:
    out: dict[str, U] = {}
    for item in items:
        if item.id in out:
            col.add(file_of.format(id=item.id), item.id, "id", f"id '{item.id}' is used twice")
        out[item.id] = item
    return out


def load_catalog(root: Path | None = None, *, lang: str = "en") -> Catalog:
    """Return the validated catalog read from ``root`` (default: the packaged data), its
    texts in ``lang`` (see :mod:`backcoach.catalog.translations`).

    Raises :class:`CatalogError` listing every problem found in every file.
    """
    if root is None:
        return _load_packaged(lang)
    return _load(root, lang=lang)


@lru_cache(maxsize=4)
def _load_packaged(lang: str) -> Catalog:
    from backcoach.paths import cache_dir

    parsed = ParsedFiles(DATA_DIR, cache_dir() / cache_name(DATA_DIR))
    catalog = _load(DATA_DIR, parsed, lang=lang)
    parsed.save()  # only once the whole catalog is valid
    return catalog


def _load(root: Path, parsed: ParsedFiles | None = None, *, lang: str = "en") -> Catalog:
    col = _Collector(root, parsed, lang)
    if not root.is_dir():
        raise CatalogError([Problem(str(root), None, None, "the catalog folder does not exist")])
    sections = _load_list(col, root / "sections.yaml", Section, "sections")
    conditions = _load_list(col, root / "conditions.yaml", Condition, "conditions")
    guidance_raw = col.read(root / "guidance.yaml")
    guidance = col.validate(Guidance, guidance_raw, "guidance.yaml", None)
    exercises = _load_one_per_file(col, root / "exercises", Exercise)
    programs = _load_one_per_file(col, root / "programs", Program)
    if not exercises and not col.problems:
        col.add("exercises/", None, None, "no exercise files found")
    if guidance is None or col.problems:
        # Cross-checks on half-loaded data would only add noise to the real problems.
        if guidance is None and not col.problems:
            col.add("guidance.yaml", None, None, "missing or empty")
        raise CatalogError(col.problems)
    catalog = Catalog(
        exercises=_unique(col, exercises, "exercises/{id}.yaml"),
        programs=_unique(col, programs, "programs/{id}.yaml"),
        conditions=_unique(col, conditions, "conditions.yaml"),
        sections=_unique(col, sections, "sections.yaml"),
        guidance=guidance,
    )
    _cross_check(col, catalog)
    if col.problems:
        raise CatalogError(col.problems)
    return catalog
