"""Imported once per worker process (forkserver preload): readers, profile, engine, spaCy pipeline.

Importing this module does the slow start-up work so that forked workers begin warm. It never
raises: a failure here only means the worker warms up on its first file instead.
"""

from __future__ import annotations

import contextlib


def _warm() -> None:
    import ivpcheck.profile  # noqa: F401
    import ivpcheck.read.docx  # noqa: F401
    import ivpcheck.read.html  # noqa: F401
    import ivpcheck.read.pdf  # noqa: F401
    import ivpcheck.read.text  # noqa: F401
    import ivpcheck.run.pipeline  # noqa: F401  (engine, rule pack loader, report)
    from ivpcheck.model.settings import Settings
    from ivpcheck.profile.municipalities import load_municipalities
    from ivpcheck.profile.vocab import profile_vocab
    from ivpcheck.run.pipeline import pack_for
    from ivpcheck.text.nlp import lemma_table

    lemma_table()
    profile_vocab(pack_for(Settings()).vocab)
    load_municipalities()


with contextlib.suppress(Exception):  # a warm-up failure must not take the forkserver down
    _warm()
