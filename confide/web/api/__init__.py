"""The JSON API under /api/v1: bearer tokens, one error envelope, an OpenAPI schema."""
