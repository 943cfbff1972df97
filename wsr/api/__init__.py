"""The open-data API (issue 21): /api/v1/, its tokens, limits and bulk downloads.

Each app describes its own public collections in its `api.py` (schemas, visibility, filters),
registered in `wsr.api.registry`; this package serves them the same way: the API
(`wsr.api.endpoints`), the daily files (`wsr.api.snapshots`) and the documentation."""
