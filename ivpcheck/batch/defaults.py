"""The batch's limits by default, shared by the command line, the run's options and the worker pool."""

TIMEOUT_S = 120.0  # seconds a file may take before its worker is killed and the file stored as a time-out
# files a worker checks before it is replaced: a worker's memory stays flat (~140 MiB after 544 corpus files),
# so this guards against a slow leak only; replacing a worker drops what it had cached (5% of a batch at 50)
MAX_TASKS = 500
MAX_MEMORY_MB = 1500  # a worker's address-space limit; past it in resident memory, it is replaced
