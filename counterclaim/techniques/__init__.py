"""Persuasion techniques (SemEval-2020 Task 11 PTC taxonomy): model, rules, scorer, profiles.

The ``techniques`` document stage lives in :mod:`.stage`; ``docs/techniques.md`` has the
measured figures and the commands that produced them.
"""
