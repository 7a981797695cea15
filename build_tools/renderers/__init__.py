"""Renderer adapters: they only wrap the pipeline's pages in a theme's chrome."""
