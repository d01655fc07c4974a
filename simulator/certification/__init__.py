"""The certification assistant's simulator side: what the journal and the store saw, read as the certification
context's records (reading.py), the reports under /_sim/certificacion (api.py, report_page.py, timeline.py), the
response models (models.py) and the guided rehearsal the CLI and the page run (scenarios.py, rehearsal.py).

Composition level: it reads every slice's data, so it lives in no slice."""
