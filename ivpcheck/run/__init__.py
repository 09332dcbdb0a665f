"""Running a check: the pipeline read -> profile -> judge, configuration, waivers."""
