"""`python -m build_tools` → :func:`build_tools.cli.main`."""

import sys

from .cli import main

sys.exit(main())
