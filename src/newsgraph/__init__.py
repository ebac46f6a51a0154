"""newsgraph: news articles in, an evidence-linked record of who did or said what to whom, when and where, out."""

from newsgraph.errors import NewsgraphError
from newsgraph.model import SCHEMA, Analysis, Article

__version__ = "0.1.0"

__all__ = ["SCHEMA", "Analysis", "Article", "NewsgraphError", "__version__"]
