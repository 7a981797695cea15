"""`python -m build_tools` → :func:`build_tools.cli.main`."""

import sys

from build_tools.cli import main

sys.exit(main())
