"""Knowledge tables: places (gazetteer) and actors (people, organisations, institutions, demonyms)."""
