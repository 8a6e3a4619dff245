"""Result tables for news sites: the embed page, its oEmbed description, and their options.

Embeds are the only pages other sites may frame (CSP ``frame-ancestors *``, no
X-Frame-Options). They set no cookie, load only our own CSS and JS, and render the
same result rows and cells as the session page. Their URLs are in ``events.site.urls``
(one ``events`` namespace for every public page).
"""
