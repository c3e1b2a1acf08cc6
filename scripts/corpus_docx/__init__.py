"""Word-document renderings of the corpus sources, paginated and exported by LibreOffice."""
