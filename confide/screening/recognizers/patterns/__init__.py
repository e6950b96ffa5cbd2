"""Pattern data (YAML) for the regex recognizers; a package so the files ship in wheels."""
