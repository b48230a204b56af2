"""The bundled ladders compiled to JSON: generated (by :mod:`titlemap.compiled`, and into wheels
by ``setup.py``), never committed; data only."""
