"""Looking at the graph: the network projection (networkx), the offline HTML page and the
notebook view. Everything here takes a built dataset; nothing re-reads source text."""
