"""The text-rendering pipeline: markdown, code highlighting, math, references."""
