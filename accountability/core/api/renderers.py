"""CSV for every list endpoint (`?format=csv`), safe to open in a spreadsheet."""

import csv
import io

from rest_framework.renderers import BaseRenderer

from accountability.core.exports import neutralize_formula


class SafeCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        rows = [_flatten(row) for row in rows]
        columns: list[str] = []
        for row in rows:
            for key in row:
                if key not in columns:
                    columns.append(key)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralize_formula(row.get(column, "")) for column in columns])
        return buffer.getvalue().encode(self.charset)


def _flatten(row, prefix: str = "") -> dict:
    flat: dict = {}
    if not isinstance(row, dict):
        return {prefix or "value": row}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = "; ".join(str(item) for item in value)
        else:
            flat[name] = "" if value is None else value
    return flat
