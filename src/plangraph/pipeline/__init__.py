"""The build: inputs (texts, records, folders) → records → named graphs → outputs, for one
document or a corpus, with promise tracking between a region's years.

(Named ``pipeline`` rather than ``build`` so that no subpackage hides the API's
:func:`plangraph.build`.)
"""
