"""The analysis layers: one spaCy parse, then actors, dates, places, quantities, quotes and events."""
