"""`python -m ivpcheck`: the command line."""

import sys

from ivpcheck.cli import main

sys.exit(main())
