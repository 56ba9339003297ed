"""Reconcile reports across articles: incidents, every source's figure side by side, the conservative
consensus, contradictions, independent sources and each source's track record.

Pure functions over ``model`` objects: the store path and Spark run the same code.
"""

from claimscope.reconcile.claims import ClaimRow, IncidentClaims, claims_table
from claimscope.reconcile.incidents import EventRef, Grouper, Incident, refs_of
from claimscope.reconcile.record import track_record

__all__ = ["ClaimRow", "EventRef", "Grouper", "Incident", "IncidentClaims", "claims_table", "refs_of", "track_record"]
