"""Static site and calendar feeds for the regulation on attending residential party cell meetings."""
