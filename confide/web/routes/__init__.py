"""One APIRouter per capability of the browser app."""
