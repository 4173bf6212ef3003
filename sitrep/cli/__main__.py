"""`python -m sitrep.cli` runs the command line."""

from sitrep.cli import main

main()
