"""`ivpcheck serve`: a local web service to check a plan in the browser, plus a JSON API.

Modules: config (ServeConfig: the limits), uploads (streamed, size-limited multipart upload into a
private temp dir), worker (checks in the worker processes of ivpcheck.run.pool, admission),
service (one check from request to Report), store (recent reports, bounded LRU), messages (Dutch
error texts and HTTP statuses), security (response headers), views (templates; the report partial
of ivpcheck.render is included, not copied), pages (HTML routes), api and apidocs (JSON routes,
/docs), app (the FastAPI app factory), guard (uvicorn's settings: read deadlines against slow
clients, the connection limit).
"""
