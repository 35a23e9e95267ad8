"""The PTC persuasion-technique taxonomy (SemEval-2020 Task 11) and its SemEval-2023 counterparts."""

from __future__ import annotations

# The 14 PTC technique labels, spelled exactly as in the corpus (merged classes keep their commas).
TECHNIQUES: tuple[str, ...] = (
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Exaggeration,Minimisation",
    "Doubt",
    "Appeal_to_fear-prejudice",
    "Flag-Waving",
    "Causal_Oversimplification",
    "Slogans",
    "Appeal_to_Authority",
    "Black-and-White_Fallacy",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
    "Bandwagon,Reductio_ad_hitlerum",
)

DESCRIPTIONS: dict[str, str] = {
    "Loaded_Language": "words or phrases with strong emotional implications",
    "Name_Calling,Labeling": "labelling the object of the campaign as something the audience fears, hates or loves",
    "Repetition": "repeating the same message over and over",
    "Exaggeration,Minimisation": "representing something as much better/worse or larger/smaller than it is",
    "Doubt": "questioning the credibility of someone or something",
    "Appeal_to_fear-prejudice": "seeking support by instilling anxiety or panic, or by appealing to prejudice",
    "Flag-Waving": "playing on strong national (or group) feeling to justify an action or idea",
    "Causal_Oversimplification": "assuming a single cause for an issue with several causes",
    "Slogans": "a brief, striking phrase that may include labelling and stereotyping",
    "Appeal_to_Authority": "claiming something is true because an authority says so",
    "Black-and-White_Fallacy": "presenting two alternatives as the only possibilities",
    "Thought-terminating_Cliches": "short phrases that discourage critical thought and discussion",
    "Whataboutism,Straw_Men,Red_Herring": "deflecting to the opponent's hypocrisy, a distorted position or an irrelevant topic",
    "Bandwagon,Reductio_ad_hitlerum": "'everyone does it', or discrediting an idea by linking it to a hated group (Hitler, Nazis)",
}

# SemEval-2023 Task 3 (subtask 3) uses 23 finer labels; a PTC class maps to every 2023 label it covers.
SEMEVAL2023: dict[str, tuple[str, ...]] = {
    "Loaded_Language": ("Loaded_Language",),
    "Name_Calling,Labeling": ("Name_Calling-Labeling",),
    "Repetition": ("Repetition",),
    "Exaggeration,Minimisation": ("Exaggeration-Minimisation",),
    "Doubt": ("Doubt",),
    "Appeal_to_fear-prejudice": ("Appeal_to_Fear-Prejudice",),
    "Flag-Waving": ("Flag_Waving",),
    "Causal_Oversimplification": ("Causal_Oversimplification",),
    "Slogans": ("Slogans",),
    "Appeal_to_Authority": ("Appeal_to_Authority",),
    "Black-and-White_Fallacy": ("False_Dilemma-No_Choice",),
    "Thought-terminating_Cliches": ("Conversation_Killer",),
    "Whataboutism,Straw_Men,Red_Herring": ("Whataboutism", "Straw_Man", "Red_Herring"),
    "Bandwagon,Reductio_ad_hitlerum": ("Appeal_to_Popularity", "Guilt_by_Association"),
}

# 2023 labels with no PTC counterpart: the PTC model can never suggest these.
SEMEVAL2023_UNMAPPED: tuple[str, ...] = (
    "Appeal_to_Values", "Consequential_Oversimplification", "Appeal_to_Time",
    "Obfuscation-Vagueness-Confusion", "Appeal_to_Hypocrisy", "Questioning_the_Reputation",
)


def short_name(technique: str) -> str:
    """A compact display name ("Name_Calling,Labeling" -> "Name calling/labeling")."""
    return technique.replace(",", "/").replace("_", " ").replace("-", " ").capitalize()
