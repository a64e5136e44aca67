"""Draft share links: let a reviewer without an account read one page's draft."""
