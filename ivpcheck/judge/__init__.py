"""The judge stage: the rule pack, detector kinds and the engine that turns findings into verdicts."""
