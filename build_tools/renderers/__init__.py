"""Renderer adapters: they only wrap the pipeline's pages in a theme's chrome."""

#: The renderers a staged site can be built with (`build --renderer`).
RENDERERS = ("mkdocs", "properdocs", "zensical")
