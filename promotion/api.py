"""This app's public collections of the open-data API (wsr.api.registry)."""
