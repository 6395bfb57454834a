"""mkdocs-mindset: Jekyll and fastpages blogs inside an MkDocs site."""

__version__ = "0.1.0"
__all__ = ["__version__"]
