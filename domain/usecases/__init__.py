"""Use cases: each reads as the numbered step of the instruction it implements and takes its ports."""
