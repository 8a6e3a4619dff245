"""Importers of official timing files: parsing (pure) and loading (database)."""
