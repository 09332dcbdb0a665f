"""Tests of `ivpcheck serve`: service rules, JSON API and the pages in a real browser."""
