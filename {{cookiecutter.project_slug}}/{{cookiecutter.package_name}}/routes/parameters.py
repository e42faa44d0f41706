"""Path parameters shared by routes."""

from typing import Annotated

from fastapi import Path

# The largest id an INTEGER primary key holds on every database: past it, a lookup would
# overflow the driver (a 500) rather than find nothing.
MAX_ROW_ID = 2**31 - 1

# Of a BIGINT primary key.
MAX_BIG_ROW_ID = 2**63 - 1

RowId = Annotated[int, Path(ge=1, le=MAX_ROW_ID)]
