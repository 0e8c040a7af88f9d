"""Edits cells of a workbook as a person would in a spreadsheet program and saves it (openpyxl
writes shared strings, as Excel and WPS do). Arguments: IN OUT SHEET CELL=VALUE...; a value
"date:2026-04-30" is a date, "num:12" a number, anything else text."""
import datetime
import sys

import openpyxl


def main():
    src, dst, sheet = sys.argv[1:4]
    wb = openpyxl.load_workbook(src)
    ws = wb[sheet]
    for edit in sys.argv[4:]:
        ref, value = edit.split("=", 1)
        if value.startswith("date:"):
            ws[ref].value = datetime.datetime.strptime(value[5:], "%Y-%m-%d")
            ws[ref].number_format = "yyyy-mm-dd"
        elif value.startswith("num:"):
            ws[ref].value = float(value[4:])
        else:
            ws[ref].value = value
    wb.save(dst)


main()
