"""Recaudo's use cases: each reads as the numbered step of IOTCS-09 it implements and takes its ports."""
