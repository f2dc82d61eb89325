"""``python -m plangraph``: the command line, as the ``plangraph`` script runs it."""

import sys

from plangraph.cli import main

if __name__ == "__main__":
    sys.exit(main())
