"""A readable summary of the OpenAPI schema for /docs (FastAPI's Swagger UI needs a CDN)."""

from __future__ import annotations

from typing import Any


def _type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " of ".join(_type(s) for s in schema["anyOf"])
    return str(schema.get("type") or schema.get("$ref", "").rsplit("/", 1)[-1] or "")


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per path and method: summary, description, parameters and responses."""
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "where": p.get("in", ""),
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
                            "where": media,
                            "type": prop.get("format") or _type(prop),
                            "description": prop.get("description", ""),
                        }
                    )
            responses = [(code, r.get("description", "")) for code, r in op.get("responses", {}).items()]
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
