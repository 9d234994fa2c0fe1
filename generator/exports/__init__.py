"""Files for people and programs: CSV/XLSX tables, report drafts (DOCX), SVG charts, the JSON API."""
