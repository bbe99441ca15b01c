"""Stage 2: check loaded data against the JSON schema, then the rules a schema can't express."""

from __future__ import annotations

from deckgen.validate.limit import at_most
from deckgen.validate.schema import check_schema, load_schema, schema_file
from deckgen.validate.semantic import check_semantics

__all__ = ["at_most", "check_schema", "check_semantics", "load_schema", "schema_file"]
