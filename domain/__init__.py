"""The pure core of pasarela-sim: no I/O, no wall clock, no randomness except through ports."""
