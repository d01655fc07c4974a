"""The way out to merchants' own servers (notifications of zonapagos-ws.md §12)."""
