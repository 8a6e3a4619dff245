"""Presentation shared by every face (pages, embeds, API, admin): one column registry,
the cells of a result row, the pages' tables and filters, and the Al Kamel-layout CSV.

Layer 3: it reads through ``events.selectors`` and the models, and is read by the faces
(``events.site``, ``events.embeds``, ``events.api``, ``events.admin``); it imports none of them.
"""
