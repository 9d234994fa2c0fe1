"""Running the site for real: who may read what, sign-in accounts, the nginx configuration."""
