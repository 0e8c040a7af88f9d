"""Reads a workbook with openpyxl (an independent reader) and prints what the tests check, as
JSON: sheets, and per sheet its header, rows, frozen pane, filter, validations, print setup,
column widths and column formats (what an empty cell of the column shows), and per cell its
value, whether it is a date, its fill and whether it wraps."""
import json
import sys

import openpyxl


def cell_json(c):
    v = c.value
    fill = c.fill.fgColor.rgb if c.fill is not None and c.fill.fill_type == "solid" else None
    return {
        "value": v.strftime("%Y-%m-%d") if c.is_date and v is not None else v,
        "date": bool(c.is_date and v is not None),
        "fill": fill if isinstance(fill, str) else None,
        "wrap": bool(c.alignment.wrap_text),
    }


def sheet_json(ws):
    rows = [[cell_json(c) for c in row] for row in ws.iter_rows()]
    widths = {k: v.width for k, v in ws.column_dimensions.items() if v.width}
    column_formats = {
        k: {
            "border": v.border.left.style,
            "wrap": bool(v.alignment.wrap_text),
            "number_format": v.number_format,
        }
        for k, v in ws.column_dimensions.items()
    }
    return {
        "max_row": ws.max_row,
        "max_column": ws.max_column,
        "freeze": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref,
        "validations": [
            {"type": dv.type, "formula1": dv.formula1, "sqref": str(dv.sqref)}
            for dv in ws.data_validations.dataValidation
        ],
        "orientation": ws.page_setup.orientation,
        "paper": str(ws.page_setup.paperSize),
        "print_title_rows": str(ws.print_title_rows),
        "widths": widths,
        "column_formats": column_formats,
        "rows": rows,
    }


def main():
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": wb.sheetnames, "sheet": {ws.title: sheet_json(ws) for ws in wb.worksheets}}
    json.dump(out, sys.stdout, ensure_ascii=False, default=str)


main()
