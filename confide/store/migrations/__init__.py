"""Alembic migrations, shipped inside the package so an installed Confide can migrate."""
