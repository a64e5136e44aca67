"""Math typeset on the server with KaTeX: syntax, TeX fix-ups, engine, pass."""
