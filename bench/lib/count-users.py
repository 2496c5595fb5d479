#!/usr/bin/env python3
"""Prints how many accounts the benchmark database holds (0 when it has no schema yet).
   count-users.py sqlite PATH | count-users.py postgres "Host=…;Port=…;Username=…;Database=…" """
import sys
from benchdb import query

print(query(sys.argv[1], sys.argv[2], "select count(*) from users") or 0)
