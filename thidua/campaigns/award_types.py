"""The award types a plan's evaluation rounds may give, without importing the awards app (which ranks above
campaigns): the awards app registers a provider of (code, label) choices when it loads, and reads a plan's
``Campaign.award_types`` codes when it opens a round."""

from collections.abc import Callable, Iterable

AwardTypeProvider = Callable[[], Iterable[tuple[str, str]]]

_PROVIDERS: dict[str, AwardTypeProvider] = {}


def register_award_types(code: str, provider: AwardTypeProvider) -> None:
    _PROVIDERS[code] = provider


def unregister_award_types(code: str) -> None:
    _PROVIDERS.pop(code, None)


def award_type_choices() -> list[tuple[str, str]]:
    """Every registered award type as (code, label), in the providers' order."""
    choices: dict[str, str] = {}
    for provider in _PROVIDERS.values():
        for code, label in provider():
            choices.setdefault(str(code), str(label))
    return list(choices.items())


def award_type_label(code: str) -> str:
    return dict(award_type_choices()).get(code, code)
