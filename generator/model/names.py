"""Names the site itself gives to files and folders, where an id would otherwise become a file name.

Member and organization ids become page names (`thanh-vien/<id>.html`, `to-chuc/<id>.html`), so an
id may not be one of these: the data is refused (`load`), and the pages are named from here (`render.paths`).
"""

INDEX = "index"            # the index page of every folder: index.html
MEMBERS = "thanh-vien"     # the folder of the members' pages
ORGANIZATIONS = "to-chuc"  # the folder of the organizations' pages

# The file names the site and its engine write in a folder (index.html in each, 404.html, sitemap.xml and
# search/ at the root): no page named by an id may take one of them.
RESERVED = (INDEX, "404", "sitemap", "search")

# The command line as the messages and the workbook's instructions print it: the installed command, run from the
# project's folder after `make site` (pyproject's [project.scripts]); copied as printed, it runs.
COMMAND = ".venv/bin/sinh-hoat"
