"""The web page's static assets (HTML, CSS, JavaScript); served by `newsgraph.api`, no CDN, no downloads."""
