"""The crosswalk: cross-market rules indexed for lookup, with the sources they cite.

One :class:`Crosswalk` is built per :class:`~titlemap.TitleMap`, once, from its ladders and
rules. It answers the questions mapping asks: which rules lead from a rung of one ladder into
another ladder (looking through the ladders each side ``extends:``), and what source a rule
cites.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .ladder import Ladder
from .records import Rule, Source

__all__ = ["Crosswalk", "split_ref"]


def split_ref(ref: str) -> tuple[str, str]:
    """``"in:product-manager"`` -> ``("in", "product-manager")``."""
    ladder_id, _, rung_id = ref.partition(":")
    return ladder_id, rung_id


class Crosswalk:
    """Rules by source rung, the sources they cite, and every ladder's ``extends:`` chain."""

    def __init__(
        self,
        ladders: Mapping[str, Ladder],
        rules: Iterable[Rule],
        sources: Mapping[str, Source] | None = None,
    ) -> None:
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._by_origin: dict[str, list[Rule]] = {}
        for rule in self.rules:
            self._by_origin.setdefault(rule.from_, []).append(rule)
        self._sources: dict[str, Source] = {}
        for lad in ladders.values():
            for s in lad.sources:
                self._sources.setdefault(s.id, s)
        for sid, s in (sources or {}).items():
            self._sources.setdefault(sid, s)
        self._chains = {i: _chain(ladders, i) for i in ladders}
        self._by_id = {rule.id: rule for rule in self.rules}

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id, or None."""
        return self._by_id.get(rule_id)

    def chain(self, ladder_id: str) -> tuple[str, ...]:
        """The ladder's id, then the ids of the ladders it extends, nearest first."""
        return self._chains.get(ladder_id, (ladder_id,))

    def source(self, source_id: str) -> Source | None:
        """The source a rule cites, or None when no loaded file declares it."""
        return self._sources.get(source_id)

    def rules_between(self, rung_id: str, source: Ladder, target: Ladder) -> list[Rule]:
        """Rules from ``source``'s rung into ``target``, looked up through both extends chains.

        A ladder that ``extends: in`` uses the ``in`` rules unless it has rules of its own: the
        nearest ladder of the source's chain that has any rule into the target wins.
        """
        targets = self.chain(target.id)
        for origin_ladder in self.chain(source.id):
            found = [
                r
                for r in self._by_origin.get(f"{origin_ladder}:{rung_id}", ())
                if split_ref(r.to)[0] in targets and target.counterpart(split_ref(r.to)[1]) is not None
            ]
            if found:
                return found
        return []


def _chain(ladders: Mapping[str, Ladder], ladder_id: str) -> tuple[str, ...]:
    chain = [ladder_id]
    lad = ladders[ladder_id]
    while lad.extends and lad.extends in ladders and lad.extends not in chain:
        lad = ladders[lad.extends]
        chain.append(lad.id)
    return tuple(chain)
