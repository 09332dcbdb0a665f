"""Text mechanics shared by the stages: sentences, lemmas, syllables, vocabularies and term matching."""
