"""click's usage errors in the run's language.

click writes its refusals of a command line ("No such option: --jsn", "Missing argument
'name'.") in English only, and with no message ids to look up; :func:`said` recognises the
ones a person meets and says them again in the run's language, keeping the option, the
command and the value as they were typed. A message it does not recognise is left as it is.

    with i18n.using("ru"):
        said("No such option: --jsn (Possible options: --json)")
        # -> "нет такого параметра: --jsn (возможно, вы имели в виду: --json)"
"""

from __future__ import annotations

import re

from backcoach.i18n import N_, _

# (click's message as a pattern, the text to say instead with the pattern's groups)
_KNOWN: list[tuple[re.Pattern[str], str]] = [(re.compile(pattern), text) for pattern, text in [
    (r"No such option: (?P<option>\S+)", N_("no such option: {option}")),
    (r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.+)\)",
     N_("no such option: {option} (did you mean: {options}?)")),
    (r"No such command '(?P<command>.*)'\.", N_("no such command: '{command}'")),
    (r"No such command '(?P<command>.*)'\. Did you mean (?P<commands>.+)\?",
     N_("no such command: '{command}'; did you mean {commands}?")),
    (r"Missing command\.", N_("give a command")),
    (r"Missing argument '(?P<name>.+)'\.", N_("missing argument '{name}'")),
    (r"Missing option '(?P<name>.+)'\.", N_("missing option '{name}'")),
    (r"Option '(?P<option>.+)' requires an argument\.",
     N_("option '{option}' needs a value")),
    (r"Option '(?P<option>.+)' does not take a value\.",
     N_("option '{option}' takes no value")),
    (r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)",
     N_("unexpected extra arguments: {arguments}")),
    (r"Invalid value for '(?P<name>.+)': (?P<value>'.*') is not a valid "
     r"int(?:eger)?(?: range)?\.",
     N_("invalid value for '{name}': {value} is not a whole number")),
    (r"Invalid value for '(?P<name>.+)': (?P<value>'.*') is not a valid float(?: range)?\.",
     N_("invalid value for '{name}': {value} is not a number")),
    (r"Invalid value for '(?P<name>.+)': (?P<value>\S+) is not in the range "
     r"(?P<range>\S+)\.",
     N_("invalid value for '{name}': {value} is not in the range {range}")),
]]


def said(message: str) -> str:
    """Return click's ``message`` in the current language (as it is when unrecognised)."""
    for pattern, text in _KNOWN:
        found = pattern.fullmatch(message)
        if found is not None:
            return _(text).format(**found.groupdict())
    return message
