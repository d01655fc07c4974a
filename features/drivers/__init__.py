"""Drivers: one per target. Steps speak Spanish to a driver; the driver speaks to the system."""
