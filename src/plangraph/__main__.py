"""``python -m plangraph``: the command line, as the ``plangraph`` script runs it."""

import sys

from plangraph.cli import main

sys.exit(main())
