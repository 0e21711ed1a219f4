"""Scorers over the real-text development set (tests/fixtures/real/)."""
