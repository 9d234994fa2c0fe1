"""The site's description, shared by every producer: what pages and files exist, where, and who may read
them (`registry`), the path of each (`paths`), the tables pages show and files export (`tables`), and the
evaluated province they are all made from (`context.Site`). Below the producers (feeds, exports, render) and
above the rules: it reads no file and writes none."""
