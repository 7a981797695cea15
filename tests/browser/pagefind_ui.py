"""Waiting for the search results on /cerca/ (assets/lab-search.js over Pagefind's API).

The script writes the count first (``[data-lab-search-message]``), then each result once its
fragment (title, excerpt) has arrived; ``aria-busy`` is on the results while some are loading.
"""

from __future__ import annotations

SEARCH_INPUT = "#lab-search-input"
MESSAGE = "[data-lab-search-message]"
RESULT = ".lab-search__result"
RESULT_LINK = ".lab-search__link"
RESULTS_LOADED = ("() => document.querySelector('.lab-search__link') !== null"
                  " && !document.getElementById('lab-search').hasAttribute('aria-busy')")


def wait_for_results(page, timeout: float = 30_000) -> None:  # noqa: ANN001
    """Until at least one result is shown and none is still loading."""
    page.wait_for_function(RESULTS_LOADED, timeout=timeout)
