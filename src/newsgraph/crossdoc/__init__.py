"""Work across articles, on the store: duplicate articles, event clusters, actor identity."""

from newsgraph.crossdoc.actors import link_actors, link_stored_actors
from newsgraph.crossdoc.clusters import cluster_events, cluster_summary, run_crossdoc, summarize_clusters
from newsgraph.crossdoc.duplicates import find_duplicates, signature

__all__ = ["cluster_events", "cluster_summary", "find_duplicates", "link_actors", "link_stored_actors",
           "run_crossdoc", "signature", "summarize_clusters"]
