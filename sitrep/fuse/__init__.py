"""Stage 5, fuse: one event from many reports (`merge`) and who holds which settlement when (`control`)."""

from sitrep.fuse.control import ControlRow, ControlSpan, at, timeline
from sitrep.fuse.merge import Fuser, Report, SourceRef, combine, matches

__all__ = [
    "ControlRow",
    "ControlSpan",
    "Fuser",
    "Report",
    "SourceRef",
    "at",
    "combine",
    "matches",
    "timeline",
]
