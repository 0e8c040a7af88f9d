"""Reads a .docx with python-docx (an independent reader) and prints what the tests check, as
JSON: the paragraphs in order (style and text, and the text of highlighted runs), the tables,
the page setup in millimetres, the document grid, the fonts of the styles and the title."""
import json
import sys

import docx
from docx.oxml.ns import qn


def mm(length):
    return round(length.mm, 1) if length is not None else None


def main():
    d = docx.Document(sys.argv[1])
    paragraphs = []
    for p in d.paragraphs:
        marked = [r.text for r in p.runs if r.font.highlight_color is not None]
        paragraphs.append({"style": p.style.name, "text": p.text, "marked": marked})
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]
    s = d.sections[0]
    grid = s._sectPr.find(qn("w:docGrid"))
    styles = {}
    for name in ("Normal", "Title", "heading 1", "heading 2"):
        st = d.styles[name]
        rfonts = st.element.find(qn("w:rPr") + "/" + qn("w:rFonts"))
        styles[name] = {
            "east_asia": rfonts.get(qn("w:eastAsia")) if rfonts is not None else None,
            "size_pt": st.font.size.pt if st.font.size is not None else None,
        }
    fonts = {}
    font_part = d.part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable")
    from lxml import etree
    for f in etree.fromstring(font_part.blob).findall(qn("w:font")):
        alt = f.find(qn("w:altName"))
        fonts[f.get(qn("w:name"))] = alt.get(qn("w:val")) if alt is not None else None
    out = {
        "title": d.core_properties.title,
        "paragraphs": paragraphs,
        "tables": tables,
        "page": {
            "width": mm(s.page_width), "height": mm(s.page_height),
            "top": mm(s.top_margin), "bottom": mm(s.bottom_margin),
            "left": mm(s.left_margin), "right": mm(s.right_margin),
        },
        "grid": {
            "type": grid.get(qn("w:type")), "line_pitch": grid.get(qn("w:linePitch")),
            "char_space": grid.get(qn("w:charSpace")),
        },
        "styles": styles,
        "fonts": fonts,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
