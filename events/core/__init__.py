"""The pure core of wecresults: the rules of the sport in plain Python.

Nothing here imports Django or any other part of ``events``; dataclasses and plain
values go in, dataclasses and plain values come out, and every rule is tested
without a database (``make test-fast``).

- ``laptime``: text <-> integer milliseconds (the one parser and formatter of times).
- ``numbers``: the order of car numbers ("7" before "007" before "8").
- ``vocab``: the codes and labels of statuses, penalty kinds, session kinds ...
  (the models' choices are built from them).
- ``classification``: who is where, per class, and by how much (qualifying, race,
  official classifications, the starting grid).
- ``standings``: championship standings per title (drivers, teams, manufacturers) from
  classified rounds and an era's rule set (the rule sets are data: events/data/standings/).
"""
