"""Summary of one schemathesis run from its JSON report: operations, test cases, failures by check.

Usage: summary.py <report directory>  (tools/fuzz/run.sh calls it at the end of a run)
"""

import json
import sys
from collections import Counter
from pathlib import Path

# The check behind each built-in failure type (schemathesis.failure_codes).
CHECK_OF_FAILURE = {
    "ServerError": "not_a_server_error",
    "ContentTypeServerError": "not_a_server_error",
    "UndefinedStatusCode": "status_code_conformance",
    "MissingContentType": "content_type_conformance",
    "UndefinedContentType": "content_type_conformance",
    "MalformedMediaType": "content_type_conformance",
    "MissingHeaders": "response_headers_conformance",
    "JsonSchemaError": "response_schema_conformance",
    "MalformedJson": "response_schema_conformance",
    "ContentDeserializationError": "response_schema_conformance",
    "DiscriminatorMismatch": "response_schema_conformance",
    "ResponseTimeExceeded": "max_response_time",
    "AcceptedNegativeData": "negative_data_rejection",
    "RejectedPositiveData": "positive_data_acceptance",
    "MissingHeaderNotRejected": "missing_required_header",
    "UnsupportedMethodResponse": "unsupported_method",
    "AllowHeaderMismatch": "allow_header_conformance",
    "UseAfterFree": "use_after_free",
    "EnsureResourceAvailability": "ensure_resource_availability",
    "IgnoredAuth": "ignored_auth",
    "ObjectLevelAuthorizationViolation": "object_level_authorization",
}


def main(report_dir: str) -> int:
    reports = sorted(Path(report_dir).glob("*.json"))
    if not reports:
        print(f"[fuzz] no JSON report in {report_dir}", file=sys.stderr)
        return 1
    run = json.loads(reports[-1].read_text())
    ops, cases = run["operations"], run["test_cases"]
    print()
    print(f"schemathesis {run['schemathesis_version']}, seed {run['seed']}, {run['running_time']:.0f} s, stopped: {run['stop_reason']}")
    print(f"operations: {ops['tested']} tested of {ops['selected']} selected ({ops['total']} in the schema), {ops['errored']} errored, {ops['skipped']} skipped")
    phases = ", ".join(f"{name} {p['status']}" for name, p in run["phases"].items())
    print(f"phases: {phases}")
    print(
        f"test cases: {cases['generated']} generated, {cases['with_failures']} with failures "
        f"({cases['unique_failures']} unique failures), {cases['errored']} errored"
    )
    by_check: Counter[str] = Counter()
    operations: dict[str, set[str]] = {}
    for group in run["failures"]:
        check = CHECK_OF_FAILURE.get(group.get("type", ""), group.get("type", "?"))
        key = f"{check} ({group.get('code', '?')} {group.get('title', '')})"
        by_check[key] += group["count"]
        operations.setdefault(key, set()).update(group.get("operations", []))
    if by_check:
        print("failures by check:")
        for check, count in by_check.most_common():
            names = sorted(operations[check])
            shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
            print(f"  {check}: {count} in {len(names)} operation(s): {shown}")
    else:
        print("failures by check: none")
    for error in run.get("errors", []):
        print(f"error: {error['title']} ({error['count']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
