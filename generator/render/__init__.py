"""The site's Markdown pages: members, organizations, the Board; templates and escaping."""
