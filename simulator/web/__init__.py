"""What the simulator's HTML pages share: templates, CSRF tokens, static files."""
