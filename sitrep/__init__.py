"""sitrep: conflict news reports in, structured, geocoded, source-attributed events out."""

from sitrep.model import Document, Event, Evidence, Loss, PlaceMention, Quantity, ResolvedPlace

__all__ = ["Document", "Event", "Evidence", "Loss", "PlaceMention", "Quantity", "ResolvedPlace"]
__version__ = "0.1.0"
