"""HTTP policies shared by the faces (pages, embeds, API).

- ``caching``: ETag and Last-Modified from a session's results version, and the
  results cache that answers again while the results stay the same.
- ``cors``: who may read our answers from another site, and how long shared caches
  may keep them.
- ``errors``: a name that names nothing (``NotFound`` from a selector) is a 404 page.
- ``logins``: for django-axes's login throttling, the client's address (behind our
  proxies or not) and the page a locked login gets.
"""
