"""The SPARQL 1.1 Protocol endpoint (``plangraph serve``): read-only, on loopback by default."""
