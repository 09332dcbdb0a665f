"""Agreement of the tool with hand-written gold verdicts and profiles."""
