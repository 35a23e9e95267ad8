"""Alignment on constructed claims: relation typing, event coreference, aliases, origin groups.

No spaCy here: documents, claims, figures and dates are built by hand, so each
test pins down one rule.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from counterclaim.across.align import AlignInput, align
from counterclaim.across.records import ClaimCluster, ClaimRelation, OriginGroup
from counterclaim.attribution.actors import AliasTable
from counterclaim.model import Claim, DateMention, Document, MetaSpan, Quantity, Speaker, Warning


class Builder:
    """Documents with claims whose spans are found by substring."""

    def __init__(self) -> None:
        self.docs: dict[str, Document] = {}
        self.claims: list[Claim] = []
        self.quantities: list[Quantity] = []
        self.dates: list[DateMention] = []

    def doc(self, doc_id: str, text: str, published: dt.date | None = None, outlet: str | None = None,
            wire: str | None = None) -> "Builder":
        spans = [MetaSpan(kind="dateline", start=0, end=text.index(" - ") + 3, text=text[:text.index(" - ") + 3],
                          wire=wire)] if wire else []
        self.docs[doc_id] = Document(id=doc_id, source=f"{doc_id}.txt", outlet=outlet or doc_id, published=published,
                                     text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), meta_spans=spans)
        return self

    def toll(self, doc_id: str, stated: str, value: float, qualifier: str = "exact",
             speaker: str | None = "emergency officials") -> Claim:
        """The document's whole text as one claim of a death toll in the March 22 attack, by default as
        the one authority that keeps the count (a revision is that source changing its own figure)."""
        return self.claim(doc_id, self.docs[doc_id].text, figures=[(stated, value, qualifier, "killed")],
                          dates=[("March 22", dt.date(2024, 3, 22))], speaker=speaker)

    def claim(self, doc_id: str, snippet: str, *, stance: str = "asserts", negated: bool = False,
              figures: list[tuple] = (), dates: list[tuple] = (), speaker: str | None = None) -> Claim:
        text = self.docs[doc_id].text
        start = text.index(snippet)
        qids, dids = [], []
        for fig_text, value, qualifier, measure, *group in figures:
            qs = text.index(fig_text, start)
            ms = text.find(measure, start)  # where the text says what is counted; the figure itself where it does not
            ms, me = (ms, ms + len(measure)) if ms >= 0 else (qs, qs + len(fig_text))
            q = Quantity(id=f"{doc_id}/q{qs}", doc_id=doc_id, start=qs, end=qs + len(fig_text), component="t",
                         version="1", text=fig_text, value=value, qualifier=qualifier, unit=group[0] if group else "people",
                         measure=measure, measure_start=ms, measure_end=me, part=group[1] if len(group) > 1 else False)
            self.quantities.append(q)
            qids.append(q.id)
        for date_text, value in dates:
            ds = text.index(date_text, start)
            d = DateMention(id=f"{doc_id}/d{ds}", doc_id=doc_id, start=ds, end=ds + len(date_text), component="t",
                            version="1", text=date_text, value=value, precision="day")
            self.dates.append(d)
            dids.append(d.id)
        who = Speaker(kind="reported", name=speaker) if speaker else Speaker(kind="outlet", name=doc_id)
        c = Claim(id=f"{doc_id}/c{start}-{start + len(snippet)}", doc_id=doc_id, start=start, end=start + len(snippet),
                  component="t", version="1", text=snippet, speaker=who, stance=stance if not speaker else "reports",
                  negated=negated, quantity_ids=qids, date_ids=dids)
        self.claims.append(c)
        return c

    def run(self, aliases: AliasTable | None = None, warnings: list[Warning] = ()):
        records = align(AlignInput(list(self.docs.values()), self.claims, self.quantities, self.dates, list(warnings),
                                   aliases=aliases or AliasTable.default()))
        return Result(records)


class Result:
    def __init__(self, records):
        self.clusters = [r for r in records if isinstance(r, ClaimCluster)]
        self.relations = [r for r in records if isinstance(r, ClaimRelation)]
        self.origins = [r for r in records if isinstance(r, OriginGroup)]

    def between(self, a: Claim, b: Claim) -> ClaimRelation:
        found = [r for r in self.relations if {r.claim_a, r.claim_b} == {a.id, b.id}]
        assert found, f"no relation between {a.text!r} and {b.text!r}"
        return found[0]

    def related(self, a: Claim, b: Claim) -> bool:
        return any({r.claim_a, r.claim_b} == {a.id, b.id} for r in self.relations)


D = dt.date


def test_precision_differences_are_compatible():
    b = Builder()
    b.doc("a", "The attack on March 22 killed at least 133 people.", D(2024, 3, 24))
    b.doc("b", "The attack on March 22 killed 137 people.", D(2024, 3, 24))
    b.doc("c", "The attack on March 22 killed about 150 people.", D(2024, 3, 24))
    b.doc("d", "The attack on March 22 killed 143 people.", D(2024, 3, 24))
    ca = b.toll("a", "at least 133", 133, "at least")
    cb = b.toll("b", "137", 137)
    cc = b.toll("c", "about 150", 150, "about")
    cd = b.toll("d", "143", 143)
    r = b.run()
    assert r.between(ca, cb).type == "compatible"
    assert r.between(cc, cd).type == "compatible"
    clash = r.between(cb, cc)  # 137 is outside "about 150" (±5%), same as-of date
    assert (clash.type, clash.subtype) == ("contradict", "numeric")
    assert "both hold as of 2024-03-24" in clash.reason


def test_counts_of_different_groups_or_of_a_part_never_clash():
    # AP and the Washington Examiner on the May 2021 Gaza rockets (AllSides dev cluster): "Rockets kill 2
    # Israelis; 28 die in Gaza" and "Of the 26 people who died, 16 of them were militants".
    b = Builder()
    b.doc("ap", "Rockets kill 2 Israelis; 28 die in Gaza as Israel hits Hamas", D(2021, 5, 11))
    b.doc("we", "Of the 26 people who died, 16 of them were militants", D(2021, 5, 11))
    israelis = b.claim("ap", "Rockets kill 2 Israelis", figures=[("2", 2, "exact", "killed", "israelis")])
    whole = b.claim("we", "Of the 26 people who died", figures=[("26", 26, "exact", "killed", "people")])
    militants = b.claim("we", "16 of them were militants", figures=[("16", 16, "exact", "killed", "people", True)])
    gaza = b.claim("ap", "28 die in Gaza", figures=[("28", 28, "exact", "killed", "people")])
    r = b.run()
    apart = r.between(israelis, whole)
    assert apart.type == "unrelated" and "count different groups (israelis, people)" in apart.reason
    part = r.between(gaza, militants)
    assert part.type == "compatible" and "part of a larger count" in part.reason
    assert (r.between(gaza, whole).type, r.between(gaza, whole).subtype) == ("contradict", "numeric")


def test_a_guessed_measure_never_clashes():
    # Oil prices in the Saudi pipeline coverage (AllSides dev cluster): '$82' is read as paid for want of a verb.
    b = Builder()
    b.doc("t", "Brent had been trading at just over $82 per barrel on March 22.", D(2024, 3, 22))
    b.doc("u", "Brent reached a low of $81.63 on March 22.", D(2024, 3, 22))
    t = b.claim("t", b.docs["t"].text, figures=[("$82", 82, "more than", "paid", "USD")])
    u = b.claim("u", b.docs["u"].text, figures=[("$81.63", 81.63, "exact", "paid", "USD")])
    b.quantities = [q.model_copy(update={"measure_start": None, "measure_end": None}) for q in b.quantities]
    rel = b.run().between(t, u)
    assert rel.type == "unrelated" and "not stated, only guessed" in rel.reason


def test_rising_toll_is_a_revision_but_same_day_clash_is_not():
    b = Builder()
    for doc_id, day, value in [("r1", 23, 40), ("r2", 24, 115), ("r3", 25, 133), ("r4", 25, 60)]:
        b.doc(doc_id, f"The March 22 attack killed {value} people.", D(2024, 3, day))
    claims = {d: b.toll(d, str(v), v) for d, v in [("r1", 40), ("r2", 115), ("r3", 133), ("r4", 60)]}
    r = b.run()
    assert r.between(claims["r1"], claims["r2"]).type == "revision"
    assert r.between(claims["r2"], claims["r3"]).type == "revision"
    same_day = r.between(claims["r3"], claims["r4"])
    assert (same_day.type, same_day.subtype) == ("contradict", "numeric")
    dropped = r.between(claims["r2"], claims["r4"])  # a later, much lower cumulative toll
    assert dropped.type == "contradict"


def test_bare_officials_are_the_only_qualified_officials_the_sources_name():
    # surfside-condo-collapse-2021 (dev): NBC "leaving at least one person dead ..., officials said" (24 June) and
    # Fox "24 confirmed deaths ..., according to Miami-Dade County officials" (5 July)
    def run(other: str | None):
        b = Builder()
        b.doc("nbc", "The collapse on March 22 left at least one person dead, officials said.", D(2024, 3, 23))
        b.doc("fox", "The collapse on March 22 resulted in 24 confirmed deaths.", D(2024, 3, 30))
        first = b.toll("nbc", "at least one", 1, "at least", speaker="officials")
        later = b.toll("fox", "24", 24, speaker="Miami-Dade County officials")
        if other:
            b.doc("x", "Rescuers said the search went on.", D(2024, 3, 24))
            b.claim("x", "the search went on", speaker=other)
        return b.run().between(first, later)
    rel = run(None)
    assert rel.type == "revision" and "'officials' read as Miami-Dade County officials" in rel.reason
    # ... but not where the sources name two kinds of officials
    assert run("Florida state officials").type == "compatible"


def test_rising_figures_from_different_sources_are_rivals_not_a_revision():
    b = Builder()
    b.doc("civil", "The March 22 attack killed 300 people.", D(2024, 3, 23))
    b.doc("ministry", "The March 22 attack killed 500 people.", D(2024, 3, 24))
    civil = b.toll("civil", "300", 300, speaker="civil defence")
    ministry = b.toll("ministry", "500", 500, speaker="the health ministry")
    rel = b.run().between(civil, ministry)
    assert rel.type == "compatible" and "different sources" in rel.reason


def test_flagged_publication_date_is_no_as_of_time():
    b = Builder()
    b.doc("a", "The March 22 attack killed 40 people.", D(2024, 3, 23))
    b.doc("b", "The March 22 attack killed 133 people.", D(2024, 3, 25))
    ca = b.toll("a", "40", 40)
    cb = b.toll("b", "133", 133)
    assert b.run().between(ca, cb).type == "revision"
    flag = Warning(id="b/w0", doc_id="b", start=0, end=1, component="t", version="1",
                   code="publication_date_anachronism", message="...")
    rel = b.run(warnings=[flag]).between(ca, cb)
    assert (rel.type, rel.subtype, rel.raw_confidence) == ("contradict", "numeric", 0.6)
    assert "flagged as anachronistic" in rel.reason


def test_different_measures_and_events_are_never_compared():
    b = Builder()
    b.doc("a", "100 people were working in the plant.", D(2025, 6, 2))
    b.doc("b", "100 people were injured in the blast on June 2.", D(2025, 6, 3))
    b.doc("c", "The bombing of Moscow apartment blocks in 1999 left 300 dead.", D(2024, 3, 25))
    b.doc("d", "The March 22 attack in Moscow killed 137 people.", D(2024, 3, 27))
    wa = b.claim("a", b.docs["a"].text, figures=[("100", 100, "exact", "working")])
    wb = b.claim("b", b.docs["b"].text, figures=[("100", 100, "exact", "injured")], dates=[("June 2", D(2025, 6, 2))])
    old = b.claim("c", b.docs["c"].text, figures=[("300", 300, "exact", "killed")])
    b.dates.append(DateMention(id="c/d1999", doc_id="c", start=b.docs["c"].text.index("1999"),
                               end=b.docs["c"].text.index("1999") + 4, component="t", version="1", text="1999",
                               value=D(1999, 1, 1), precision="year"))
    old = old.model_copy(update={"date_ids": ["c/d1999"]})
    b.claims[-1] = old
    new = b.toll("d", "137", 137)
    r = b.run()
    assert not r.related(wa, wb)
    assert not r.related(old, new)


def test_temporal_contradiction():
    b = Builder()
    b.doc("a", "Gunmen opened fire in the attack on March 22 at Crocus City Hall.", D(2024, 3, 27))
    b.doc("b", "Gunmen opened fire in the attack on March 23 at Crocus City Hall.", D(2024, 3, 27))
    ca = b.claim("a", b.docs["a"].text, dates=[("March 22", D(2024, 3, 22))])
    cb = b.claim("b", b.docs["b"].text, dates=[("March 23", D(2024, 3, 23))])
    rel = b.run().between(ca, cb)
    assert (rel.type, rel.subtype) == ("contradict", "temporal")


def test_agents_resolved_through_aliases():
    b = Builder()
    b.doc("a", "The attack was organised by the Kremlin. Ukraine had nothing to do with the attack.", D(2024, 3, 25))
    b.doc("b", "The attack was carried out by Ukraine's military intelligence.", D(2024, 3, 26))
    b.doc("c", "The massacre was orchestrated by Putin's state.", D(2024, 3, 26))
    b.doc("d", "IS-K claimed responsibility for the attack.", D(2024, 3, 26))
    b.doc("e", "Daesh claimed credit for the attack.", D(2024, 3, 26))
    kremlin = b.claim("a", "The attack was organised by the Kremlin.")
    denial = b.claim("a", "Ukraine had nothing to do with the attack.", negated=True)
    gur = b.claim("b", b.docs["b"].text)
    putin = b.claim("c", b.docs["c"].text)
    isk = b.claim("d", b.docs["d"].text)
    daesh = b.claim("e", b.docs["e"].text)
    r = b.run()
    rival = r.between(kremlin, gur)  # two actors named, neither exclusively: rival explanations
    assert rival.type == "rival" and rival.subtype is None
    assert "Russian state" in rival.reason and "GUR" in rival.reason
    assert r.between(kremlin, putin).type == "agree"
    assert r.between(isk, daesh).type == "agree"
    # "had nothing to do with" is a denial to the attribution parser, so alignment reads it as one too.
    assert (r.between(denial, gur).type, r.between(denial, gur).subtype) == ("contradict", "negation")


def test_denial_against_assertion_is_negation():
    b = Builder()
    b.doc("a", "Ukraine was not involved in the attack.", D(2024, 3, 25))
    b.doc("b", "Russia says the attack was carried out by the GUR.", D(2024, 3, 26))
    deny = b.claim("a", b.docs["a"].text, negated=True)
    gur = b.claim("b", "the attack was carried out by the GUR.")
    rel = b.run().between(deny, gur)
    assert (rel.type, rel.subtype) == ("contradict", "negation")
    assert "GUR belongs to Ukraine" in rel.reason


def test_user_alias_changes_the_reading():
    b = Builder()
    b.doc("a", "The attack was organised by the Northern Brigade.", D(2024, 3, 25))
    b.doc("b", "The attack was carried out by the GUR.", D(2024, 3, 26))
    brigade = b.claim("a", b.docs["a"].text)
    gur = b.claim("b", b.docs["b"].text)
    assert not b.run().related(brigade, gur)  # an actor the table does not know is no agent to compare
    table = AliasTable.with_analyst_items({"Northern Brigade": ({"canonical": "Russian state", "kind": "actor"}, 1)})
    rel = b.run(table).between(brigade, gur)
    assert rel.type == "rival" and "Russian state" in rel.reason


def test_statements_agree_and_antonyms_clash():
    b = Builder()
    b.doc("a", "This means world war. The offensive was a success.", D(2024, 3, 25))
    b.doc("b", "It is accelerating the drive towards World War III. The offensive was a failure.", D(2024, 3, 27))
    war_a = b.claim("a", "This means world war.")
    war_b = b.claim("b", "It is accelerating the drive towards World War III.")
    ok = b.claim("a", "The offensive was a success.")
    bad = b.claim("b", "The offensive was a failure.")
    r = b.run()
    assert r.between(war_a, war_b).type == "agree"
    rel = r.between(ok, bad)
    assert (rel.type, rel.subtype) == ("contradict", "antonymy")


def test_origin_groups_count_copies_once():
    para = ("Investigators said a pressure valve in the main hall had failed minutes before the blast, and the "
            "operator suspended work at two other sites while inspectors examine the equipment there.")
    b = Builder()
    b.doc("w1", f"KARSK, June 3 (Reuters) - The blast on June 2 killed 27 people.\n\n{para}", D(2025, 6, 3), wire="Reuters")
    b.doc("w2", f"KARSK, June 3 (Reuters) - The blast on June 2 killed 27 people.\n\n{para}", D(2025, 6, 3), wire="Reuters")
    b.doc("own", "Our reporter counted 27 dead after the blast on June 2.", D(2025, 6, 3))
    for d in ("w1", "w2"):
        b.claim(d, "The blast on June 2 killed 27 people.", figures=[("27", 27, "exact", "killed")],
                dates=[("June 2", D(2025, 6, 2))])
    b.claim("own", b.docs["own"].text, figures=[("27", 27, "exact", "killed")], dates=[("June 2", D(2025, 6, 2))])
    r = b.run()
    copies = next(g for g in r.origins if "w1" in g.doc_ids)
    assert copies.doc_ids == ["w1", "w2"] and copies.wire == "Reuters"
    assert any("near-duplicate text" in e for e in copies.evidence)
    cluster = next(c for c in r.clusters if c.topic == "killed")
    assert len(cluster.doc_ids) == 3 and cluster.independent_sources == 2


def test_alias_table_fuzzy_and_nesting():
    t = AliasTable.default()
    assert t.resolve("Islamic State Khorasan") == "ISIS" == t.resolve("Daesh") == t.resolve("ISIS-K")
    assert t.resolve("Kiev") == "Kyiv" and t.resolve("Ukrainian military intelligence") == "GUR"
    assert t.resolve("the Kremlin") == "Russian state" == t.resolve("FSB")
    assert t.resolve("Ukrainian military inteligence") == "GUR"  # fuzzy
    assert t.side("GUR") == "Ukraine" and t.related("GUR", "Ukraine") and not t.related("GUR", "CIA")
    assert [m.canonical for m in t.mentions("as IS-K said, us and US officials")] == ["ISIS", "United States"]


@pytest.mark.parametrize("qualifier,value,expected", [("about", 150, (142.5, 157.5)), ("at least", 133, (133, float("inf"))),
                                                      ("more than", 60, (61, float("inf")))])
def test_intervals(qualifier, value, expected):
    from counterclaim.across.relations import interval

    q = Quantity(id="x/q", doc_id="x", start=0, end=1, component="t", version="1", text="x", value=value,
                 qualifier=qualifier, measure="killed")
    assert interval(q) == expected


def test_candidate_pairs_grow_linearly():
    from counterclaim.across.cluster import SMALL_BLOCK, WINDOW, block_pairs
    from counterclaim.across.frames import Anchor, Fact

    def facts(n):
        return [Fact(Claim(id=f"d{i}/c0-1", doc_id=f"d{i}", start=0, end=1, component="t", version="1", text="x",
                           speaker=Speaker(kind="outlet", name="o"), stance="asserts"), "killed",
                     Anchor(D(2024, 1, 1) + dt.timedelta(days=i % 400)))
                for i in range(n)]

    assert len(list(block_pairs(facts(SMALL_BLOCK)))) == SMALL_BLOCK * (SMALL_BLOCK - 1) // 2
    assert len(list(block_pairs(facts(2000)))) <= 2000 * WINDOW


def test_embedding_fallback_when_tokenizer_missing(monkeypatch):
    from counterclaim.across import embed

    monkeypatch.setattr(embed, "tokenizer_path", lambda: None)
    embed.model.cache_clear()
    try:
        vectors = embed.embed(["the attack killed 137 people", "the attack killed 137 people", "hospitals asked for blood"])
        assert embed.model().name == "hashed-words"
        assert vectors.shape == (3, embed.DIM) and abs(float(vectors[0] @ vectors[1]) - 1) < 1e-5
    finally:
        embed.model.cache_clear()


def _one_event(n_docs: int, tolls: list[int]) -> tuple[Builder, list[Claim], list[Claim]]:
    """``n_docs`` reports of one attack, published over ``len(tolls)`` days with that day's toll; 1 in 5 blames GUR."""
    b = Builder()
    figures, frames = [], []
    for n in range(n_docs):
        lag = n % len(tolls)
        who = "the GUR" if n % 5 == 4 else "ISIS"
        text = f"The attack on March 22 killed {tolls[lag]} people. The attack was carried out by {who}."
        b.doc(f"d{n:03d}", text, D(2024, 3, 22) + dt.timedelta(days=lag))
        figures.append(b.claim(f"d{n:03d}", f"The attack on March 22 killed {tolls[lag]} people.",
                               figures=[(str(tolls[lag]), tolls[lag], "exact", "killed")],
                               dates=[("March 22", D(2024, 3, 22))], speaker="emergency officials"))
        frames.append(b.claim(f"d{n:03d}", f"The attack was carried out by {who}."))
    return b, figures, frames


def test_one_event_relations_grow_with_members_not_pairs():
    b, figures, frames = _one_event(60, [40, 60, 90, 115, 137, 140])
    r = b.run()
    killed = next(c for c in r.clusters if c.topic == "killed")
    assert [g.answer for g in killed.answers] == ["40 killed", "60 killed", "90 killed", "115 killed", "137 killed",
                                                  "140 killed"]  # one group per figure, in as-of order
    assert sorted(c for g in killed.answers for c in g.claim_ids) == sorted(c.id for c in figures)
    assert killed.answers[0].representative == figures[0].id  # the earliest-published member
    relations = [x for x in r.relations if x.cluster_id == killed.id]
    assert len(relations) < 60 + 6 * 6 * 16  # a star per group plus bounded pairs across groups, not 60·59/2
    rise = r.between(figures[0], figures[1])
    assert rise.type == "revision" and "Answer groups of 10 and 10 claims" in rise.reason
    assert r.between(figures[0], figures[6]).type == "agree"  # same figure, same as-of date: a member of the star
    who = next(c for c in r.clusters if c.topic == "responsible")
    isis, gur = sorted(who.answers, key=lambda g: g.answer != "ISIS")
    assert (isis.answer, len(isis.claim_ids), gur.answer, len(gur.claim_ids)) == ("ISIS", 48, "GUR", 12)
    clash = next(x for x in r.relations if {x.claim_a, x.claim_b} == {isis.representative, gur.representative})
    assert clash.type == "rival" and "Answer groups of 48 and 12 claims" in clash.reason


def test_many_answer_groups_meet_only_their_nearest():
    from counterclaim.across.answers import GROUP_PAIRS_MAX, NEAREST_GROUPS

    days = GROUP_PAIRS_MAX + 10
    b, figures, _ = _one_event(days, [100 + 3 * d for d in range(days)])
    r = b.run()
    killed = next(c for c in r.clusters if c.topic == "killed")
    assert len(killed.answers) == days
    assert len([x for x in r.relations if x.cluster_id == killed.id]) <= days * NEAREST_GROUPS
    assert all(r.between(a, b).type == "revision" for a, b in zip(figures, figures[1:]))  # the chain by as-of date


# ------------------------------------------------------------------ frame cues on real sentences
# Sentences are copied from the bundled corpus or from ../shared/data (named in a comment each);
# nothing here reads ../shared/data.


def _facts(text: str, aliases: AliasTable | None = None) -> list[tuple[str, str | None, bool]]:
    """(topic, agent, negative) of each fact of ``text`` read as one claim of one document."""
    from counterclaim.across.frames import ClaimContext, facts_of

    b = Builder()
    b.doc("a", text)
    claim = b.claim("a", text)
    context = ClaimContext(b.docs["a"], aliases or AliasTable.default())
    return [(f.topic, f.agent, f.negative) for f in facts_of(claim, context)]


@pytest.mark.parametrize("text, cue", [
    # claimbuster_and_clef_checkworthiness/clef19/CT19-T1-Training.csv (Wallace, 2016 presidential debate)
    ("The top national security officials of this country do believe that Russia has been behind these hacks.",
     "been behind"),
    # basil_triplets/articles/2017/be026bd1-52b1-4789-bfd3-3632af17b054_3.json
    ("Moore’s assertion that the Democratic Party had been behind the story.", "been behind"),
    # rte_1_3_pascal/rte1_dev.xml, pair 171
    ("The terrorist is suspected of being behind several deadly kidnappings and dozens of suicide attacks in Iraq.",
     "being behind"),
    # corpus/crocus-seeds/icwp-2024-03-27.txt
    ("The US government claims that ISIS was behind the Crocus Hall attack", "was behind"),
])
def test_behind_with_any_auxiliary_is_a_responsibility_cue(text, cue):
    from counterclaim.attribution.cues import CUES

    assert [m.group() for m in CUES["agent"].finditer(text)] == [cue]


def test_been_behind_names_the_perpetrator():
    # claimbuster_and_clef_checkworthiness/clef19/CT19-T1-Training.csv (Wallace, 2016 presidential debate)
    assert _facts("The top national security officials of this country do believe that Russia has been behind "
                  "these hacks.") == [("responsible", "Russian state", False)]
    # Two outlets on the SolarWinds attack (allsides_neus_story_clusters/neus_lrc_roundup: train.source, then
    # train.target): "may have been behind" used to be no frame, so the two were never compared.
    b = Builder()
    trump = ('President Trump on Saturday claimed China "may" have been behind a massive cyberattack on U.S. '
             'government systems')
    b.doc("a", trump + ' -- a day after Secretary of State Mike Pompeo said the attack was "pretty clearly" '
                       'perpetrated by Russians.', D(2020, 12, 20))
    b.doc("b", "Barr also said he agreed with Secretary of State Mike Pompeo that “it certainly appears” that "
               "Russia was behind the SolarWinds cyberattack.", D(2020, 12, 21))
    china = b.claim("a", trump)
    russia = b.claim("b", b.docs["b"].text)
    table = AliasTable.with_analyst_items({"China": ({"canonical": "China", "kind": "actor"}, 1)})
    rel = b.run(table).between(china, russia)
    assert rel.type == "rival"  # China or Russia: rival explanations, not a contradiction (neither is exclusive)
    assert "China" in rel.reason and "Russian state" in rel.reason


def test_credit_cue_takes_an_article_and_assumed():
    from counterclaim.attribution.cues import CUES

    # checkthat2024_task1_english/CT24_checkworthy_english_train.tsv, sentence 8278: a credit claim, negated
    text = ("I would only suggest that while we do not take the credit for it - I would not presume to - that since "
            "that committee has been formed the price line has been held very well within the United States.")
    # "within the United States" is where prices held, not who took credit ("we" did: no named actor)
    assert _facts(text) == [("statement", None, True)]
    # Variants of "Somalia's al-Shabab, allied to al-Qaida, claimed responsibility for the bombing."
    # (semeval2022_task8_news_similarity_sample/testing_set.csv): ../shared/data has no "assumed responsibility"
    # nor "claimed the responsibility".
    table = AliasTable.with_analyst_items({"al-Shabab": ({"canonical": "al-Shabab", "kind": "actor"}, 1)})
    b = Builder()
    for doc_id, verb in (("a", "claimed"), ("b", "assumed"), ("c", "claimed the")):
        b.doc(doc_id, f"Somalia's al-Shabab, allied to al-Qaida, {verb} responsibility for the bombing.",
              D(2024, 3, 25))
        assert _facts(b.docs[doc_id].text, table) == [("responsible", "al-Shabab", False)]
    claimed, assumed, claimed_the = (b.claim(d, b.docs[d].text) for d in "abc")
    r = b.run(table)
    assert r.between(claimed, assumed).type == "agree" and r.between(claimed, claimed_the).type == "agree"
    for phrase in ("assume the responsibility", "taken the credit", "claiming responsibility", "took credit"):
        assert CUES["claimed"].search(phrase)


@pytest.mark.parametrize("text", [
    # checkthat2024_task1_english/CT24_checkworthy_english_train.tsv, sentence 4077
    "I believe the Republican Guard of Iran is a terrorist organization.",
    # claimbuster_and_clef_checkworthiness/clef19/CT19-T1-Training.csv (Sanders, 2016 Democratic debate)
    "OK. Let me agree with much of what the secretary said, but where we have a different background on this issue is "
    "we differ on the war in Iraq, which created barbaric organizations like ISIS.",
])
def test_an_organisation_is_not_a_perpetrator(text):
    assert _facts(text) == [("statement", None, False)]


def test_organise_counts_as_a_verb_and_organisers_only_of_an_event():
    from counterclaim.attribution.cues import CUES

    # corpus/crocus-seeds/oakke-2024.txt
    oakke = ("The first one was the blowing up of four Moscow apartment blocks in 1999, with 300 dead and 1000 "
             "wounded, denounced as organized by the FSB by two heroic Russian democrats")
    assert _facts(oakke) == [("responsible", "Russian state", False)]
    # averitec/dev.json: organisers of an event, not of an attack
    assert _facts("She read from a pamphlet allegedly brought out by the organisers of the event") == [
        ("statement", None, False)]
    # semeval2020_task11_ptc/test-articles/article832940138.txt
    assert not CUES["agent"].search("Organizers had held out hope that Trump would make an appearance at the event")


def test_a_catch_all_chain_of_statements_is_split_into_its_paraphrase_groups():
    from types import SimpleNamespace

    from counterclaim.across.cluster import STATEMENT_SURE_SIM, clusters

    # Six statements from six documents: two tight groups of near paraphrases (0-1-2, 3-4-5) joined in a chain
    # by weak links (2-3); like a story where "the attack" links every sentence to the next.
    def fact(i: int, topic: str = "statement") -> SimpleNamespace:
        return SimpleNamespace(doc_id=f"doc{i}", topic=topic, claim=SimpleNamespace(id=f"doc{i}/c{i}"))

    facts = [fact(i) for i in range(6)]
    sure = {(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)}
    weak = {(2, 3)}

    class Stub:
        def __init__(self, facts):
            self.facts = facts

        def similarity(self, a, b):
            i, j = sorted((facts.index(a), facts.index(b)))
            return 0.9 if (i, j) in sure else STATEMENT_SURE_SIM - 0.2

    # 7 of 15 possible links: dense enough to be one proposition's paraphrases, kept whole
    assert clusters(Stub(facts), sure | weak) == [[0, 1, 2, 3, 4, 5]]
    # a long chain is not: 0-1-2-...-7, each only like its neighbours
    chain = [fact(i) for i in range(8)]
    links = {(i, i + 1) for i in range(7)}
    facts[:] = chain
    sure.clear()
    sure.update({(0, 1), (1, 2), (5, 6), (6, 7)})
    assert clusters(Stub(chain), links) == [[0, 1, 2], [5, 6, 7]]
    # figures of one measure are one proposition by construction: never split
    figures = [fact(i, "killed") for i in range(8)]
    facts[:] = figures
    assert clusters(Stub(figures), links) == [list(range(8))]
