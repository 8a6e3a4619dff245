"""The results of a session: their version, and the stored rows computed from them.

This is the one home of the idea "the results of a session changed":

- ``versions``: a session's results version (bumped by every change, copied to the
  shared cache when there is one) and the stamp that HTTP caching keys on.
- ``inputs``: what the classification engine needs, loaded with a fixed number of
  queries, and the engine run on it.
- ``store``: the stored result rows, the only writer of them; filled lazily on the
  first read after a change (live timing would otherwise recompute on every lap).
- ``signals``: receivers that bump the version when anything a result is made of is saved.

It sits above the models and below the selectors and services, which call it.
"""
