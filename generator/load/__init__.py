"""Read `data/*.yml`: YAML, typed fields, the schema of each file, every problem at once; then the model."""
