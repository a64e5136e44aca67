"""The full-page cache for anonymous readers and its exact purge on publish.

``store`` keeps rendered responses in the default cache, ``middleware`` serves
and fills it, ``backend`` is a wagtail.contrib.frontend_cache backend that
deletes its entries, and ``purge`` turns every change a reader can see into
the set of URLs that show it and hands that set to frontend_cache (which
purges this cache and any HTTP cache in front with the same URLs).
"""
