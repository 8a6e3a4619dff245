"""The public pages: championships, seasons, rounds, classifications, grids, cars, drivers, teams.

Page views read through ``events.selectors`` only; a selector's ``NotFound`` becomes the
404 page in ``events.web.errors.NotFoundMiddleware``. What pages share with the embeds,
the API and the CSV (columns, cells, tables, filters) is in ``events.interfaces``.
"""
