"""Vocabularies shared by every stage: the gazetteer of divisions, the industry and unit
schemes, and the names that identify things across documents. All are data files read
through :mod:`plangraph._resources`."""
