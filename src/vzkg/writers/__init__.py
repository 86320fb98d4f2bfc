"""vzkg's own RDF writers: N-Triples terms, Turtle and TriG, JSON-LD, RDF/XML, and the labels
of blank nodes they share. Each writes exactly what it is given (every lexical form as written,
curated prefixes only) or refuses it with an :class:`~vzkg.errors.InputError`."""
