"""Waiting for Pagefind's UI: it lists placeholders first, then fills each result as its fragment arrives."""

from __future__ import annotations

RESULT_LINK = ".pagefind-ui__result-link"
RESULTS_LOADED = ("() => document.querySelector('.pagefind-ui__result-link') !== null"
                  " && document.querySelector('.pagefind-ui__results .pagefind-ui__loading') === null")


def wait_for_results(page, timeout: float = 30_000) -> None:  # noqa: ANN001
    """Until at least one result is shown and none is still loading."""
    page.wait_for_function(RESULTS_LOADED, timeout=timeout)
