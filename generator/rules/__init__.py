"""The regulation as pure functions of the model and a date: obligations, upcoming meetings, the Board's numbers."""
