"""Evaluation: scorers for every analysis stage over public data and the project's own gold."""
