"""`ivpcheck serve`: a local web service to check a plan in the browser, plus a JSON API.

Modules: config (ServeConfig), uploads (streamed, size-limited multipart upload into a temp dir),
worker (checks in a pool of worker processes with a time limit), store (recent reports, LRU),
messages (Dutch error texts), security (response headers), pages (HTML routes), api (JSON
routes), app (the FastAPI app factory).
"""
