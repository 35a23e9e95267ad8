"""Analysis of Competing Hypotheses: evidence rows (a case stage), scoring, sensitivity and the ``Ach`` API."""
