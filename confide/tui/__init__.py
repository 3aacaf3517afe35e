"""The terminal app (Textual): ``confide chat``. See :func:`confide.tui.app.run_app`."""
