"""Running a check: the pipeline read -> profile -> judge, configuration, waivers, and the worker processes
(pool, warm) that batch and serve run checks in."""
