"""Which ranking indicator holds the rank of another indicator (苏州GDP内地排第几: the rank is recorded
under 城市经济排名, whose names include gdp排名).

A ranking holds the rank of what its names rank (gdp排名, 经济总量排名 → GDP's names gdp, 经济总量) or of
what its records name (规上工业总产值全国第二). Any other indicator has no rank recorded: 研发投入强度全省
第几 is declined, never answered with the city's economic rank.
"""

from __future__ import annotations

from collections.abc import Iterable

RANK_WORD = "排名"


def ranks(ranking_names: Iterable[str], record_texts: Iterable[str], names: Iterable[str]) -> bool:
    """Does a ranking (its names, its records' text and notes) rank what `names` (all the names and
    aliases of one indicator, normalized) name?"""
    names = {n for n in names if len(n) >= 2}
    ranked = {n.replace(RANK_WORD, "") for n in ranking_names if RANK_WORD in n}
    return bool(names & ranked) or any(n in text for text in record_texts for n in names)


def ranking_holding(indicators: Iterable, observations: dict, matcher, indicator, city: str,
                    scopes: tuple[str, ...]) -> object | None:
    """The one ranking indicator (among `indicators`, "排名" in its name) with a record of `city` in one of
    `scopes` that ranks `indicator` (see `ranks`), else None. `observations`: records by indicator id;
    `matcher`: its `names_of` (per position) and `position` (by id)."""
    def names(i):
        return matcher.names_of[matcher.position[i.id]]

    def said(i):
        return [f"{o.text}{o.note}" for o in observations.get(i.id, [])]

    holders = [i for i in indicators if RANK_WORD in i.name and i.id != indicator.id
               and any(o.city == city and any(s in f"{o.text}{o.note}" for s in scopes) for o in observations.get(i.id, []))
               and ranks(names(i), said(i), names(indicator))]
    return holders[0] if len(holders) == 1 else None
