"""A readable summary of the OpenAPI schema for /docs (FastAPI's Swagger UI needs a CDN), in Dutch:
the schema's own words (types, where a parameter goes, FastAPI's default responses) are translated
here; summaries and descriptions come from the routes."""

from __future__ import annotations

from typing import Any

TYPES = {
    "string": "tekst",
    "integer": "geheel getal",
    "number": "getal",
    "boolean": "ja/nee",
    "binary": "bestand",
    "array": "lijst",
    "object": "object",
    "null": "leeg",
}
PLACES = {
    "query": "in de URL (querystring)",
    "path": "in het pad",
    "header": "in een header",
    "cookie": "in een cookie",
    "multipart/form-data": "in het formulier (multipart/form-data)",
    "application/json": "in de JSON-body",
}
DEFAULT_RESPONSES = {"Successful Response": "gelukt", "Validation Error": "ongeldige invoer"}


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " of ".join(_type(s) for s in schema["anyOf"])
    name = str(schema.get("format") or schema.get("type") or schema.get("$ref", "").rsplit("/", 1)[-1] or "")
    return TYPES.get(name, name)


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per path and method: summary, description, parameters and responses."""
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": PLACES.get(p.get("in", ""), p.get("in", "")),
                    "type": _type(p.get("schema", {})),
                    "description": p.get("description", ""),
                }
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {})
            for media, content in body.items():
                for name, prop in content.get("schema", {}).get("properties", {}).items():
                    params.append(
                        {
                            "name": name,
                            "where": PLACES.get(media, media),
                            "type": _type(prop),
                            "description": prop.get("description", ""),
                        }
                    )
            responses = [
                (code, DEFAULT_RESPONSES.get(r.get("description", ""), r.get("description", "")))
                for code, r in op.get("responses", {}).items()
            ]
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": params,
                    "responses": responses,
                }
            )
    return ops
