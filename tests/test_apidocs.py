"""The API documentation page's summary of the real OpenAPI schema is in Dutch."""

from __future__ import annotations

from ivpcheck.web.apidocs import PLACES, TYPES, operations
from ivpcheck.web.app import create_app


def test_parameters_types_and_responses_in_dutch() -> None:
    ops = operations(create_app().openapi())
    assert {op["path"] for op in ops} >= {"/api/check", "/api/rules", "/healthz"}
    params = [p for op in ops for p in op["parameters"]]
    assert params and all(p["where"] in PLACES.values() for p in params)
    assert all(p["type"] in TYPES.values() for p in params)
    responses = [text for op in ops for _, text in op["responses"]]
    assert "gelukt" in responses and not {"Successful Response", "Validation Error"} & set(responses)
