"""Bulk import of completions from a learning-management system's export (¶27: every
organization keeps training records). See ``columns`` for the file format and ``importer``
for what an import does."""
