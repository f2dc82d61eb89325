"""Sources: a report file as the text plangraph reads, decoded once, with its hash.

Every evidence offset in the graph points into the text read here.
"""
