"""One build end to end: gather every output, stage it, run the site engine, swap the new site in; preview."""
