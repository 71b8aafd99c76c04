"""New request ids are random version 4 UUIDs written as 32 hex digits."""

from __future__ import annotations

import uuid

from service.web.observability import accepted_request_id, new_request_id


def test_new_ids_are_distinct_version_4_uuids_in_hex() -> None:
    made = [new_request_id() for _ in range(500)]
    parsed = [uuid.UUID(hex=made_id) for made_id in made]
    assert all(u.version == 4 and u.variant == uuid.RFC_4122 for u in parsed)
    assert [u.hex for u in parsed] == made
    assert len(set(made)) == len(made)


def test_a_malformed_offered_id_is_replaced_by_a_new_one() -> None:
    replaced = accepted_request_id("not well formed!")
    assert uuid.UUID(hex=replaced).version == 4
    assert accepted_request_id("client-id.1") == "client-id.1"
