"""The local web app and REST API over a store: ``create_app(db)``; ``claimscope serve`` runs it."""

from claimscope.web.app import create_app

__all__ = ["create_app"]
