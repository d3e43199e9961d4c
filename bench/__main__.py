"""``python -m bench``: the benchmark suite (see :mod:`bench.run`)."""

from .run import main

raise SystemExit(main())
