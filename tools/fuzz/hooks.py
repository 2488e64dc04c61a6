"""schemathesis hooks for tools/fuzz/run.sh: constraints of this API that OpenAPI cannot state.

A search circle is `lat`, `lon` and `radiusKm` together or none of them (domain/circle.ts), in the
query of GET /listings and GET /suggestions and in the `scope` of POST /match-runs. OpenAPI has no
way to say that query parameters depend on each other, so schemathesis would call a partial
circle "valid" and report the 400 as a rejected valid request. Such cases are dropped from
positive generation only: negative cases still send them, and the 400 is then what they expect.

POST /match-runs may name a `factorSet`, which must be one of the factor set files in
data/factors/ (reference data, like the other refusals listed in schemathesis.toml). Positive cases
that name one are dropped; those without it run with the configured default, so the rest of the
request is still judged.
"""

import schemathesis

CIRCLE = ("lat", "lon", "radiusKm")
CIRCLE_IN_QUERY = {"GET /listings", "GET /suggestions"}
CIRCLE_IN_BODY_SCOPE = {"POST /match-runs"}


def _partial_circle(values: object) -> bool:
    if not isinstance(values, dict):
        return False
    present = sum(1 for name in CIRCLE if values.get(name) is not None)
    return 0 < present < len(CIRCLE)


@schemathesis.hook
def filter_case(context, case) -> bool:
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive:
        return True
    label = case.operation.label
    if label in CIRCLE_IN_QUERY:
        return not _partial_circle(case.query)
    if label in CIRCLE_IN_BODY_SCOPE and isinstance(case.body, dict):
        return "factorSet" not in case.body and not _partial_circle(case.body.get("scope"))
    return True
