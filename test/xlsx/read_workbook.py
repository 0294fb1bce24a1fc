"""Reads a workbook with openpyxl (an independent reader: not the library that wrote it) and prints
a JSON summary on stdout: per sheet its state, header row, frozen panes, data validations, the
number formats of the first data rows, and its charts with their series' references.
Usage: /usr/bin/python3 read_workbook.py book.xlsx"""
import json
import sys
import warnings

import openpyxl

warnings.simplefilter("ignore")


def title_text(chart):
    """A chart title's plain text (rich text runs joined), or ''."""
    title = chart.title
    if title is None or title.tx is None or title.tx.rich is None:
        return ""
    return "".join(run.t for p in title.tx.rich.p for run in (p.r or []))


def ref_of(data):
    """The formula a chart data source references (string or number reference)."""
    if data is None:
        return None
    for attr in ("strRef", "numRef"):
        ref = getattr(data, attr, None)
        if ref is not None:
            return ref.f
    return None


def chart_summary(chart):
    anchor = chart.anchor
    start = getattr(anchor, "_from", None)
    return {
        "type": chart.tagname,
        "barDir": getattr(chart, "barDir", None),
        "title": title_text(chart),
        "anchor": {"row": start.row, "col": start.col} if start is not None else None,
        "series": [
            {"name": ref_of(s.tx), "categories": ref_of(s.cat), "values": ref_of(s.val)}
            for s in chart.series
        ],
    }


def sheet_summary(ws, data_rows):
    max_col = ws.max_column
    header = [ws.cell(row=1, column=c).value for c in range(1, max_col + 1)]
    formats = {}
    for c in range(1, max_col + 1):
        seen = sorted({ws.cell(row=r, column=c).number_format for r in range(2, 2 + data_rows)})
        formats[openpyxl.utils.get_column_letter(c)] = seen
    return {
        "name": ws.title,
        "state": ws.sheet_state,
        "header": header,
        "maxRow": ws.max_row,
        "freeze": ws.freeze_panes,
        "validations": [
            {"sqref": str(dv.sqref), "type": dv.type, "formula1": dv.formula1, "allowBlank": dv.allow_blank}
            for dv in ws.data_validations.dataValidation
        ],
        "numberFormats": formats,
        "protected": bool(ws.protection.sheet),
        "charts": [chart_summary(ch) for ch in ws._charts],
    }


def main():
    path = sys.argv[1]
    data_rows = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    wb = openpyxl.load_workbook(path)
    out = {
        "openpyxl": openpyxl.__version__,
        "sheets": [sheet_summary(ws, data_rows) for ws in wb.worksheets],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
