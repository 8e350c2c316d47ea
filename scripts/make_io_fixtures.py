#!/usr/bin/env python3
"""Writes the registry fixtures of tests/io_forms.rs with real writers.

From the first 500 organisations of the bundled Nghe An sample
(examples/data/nghe-an/registry-2025-12-31.csv) it writes, in tests/data/io/:

- canonical.csv       the rows as they are (the standard form, what write_csv writes);
- excel-semicolon.csv as Excel saves "CSV UTF-8" in a Vietnamese locale: BOM, ';',
                      CRLF, Vietnamese headers and values, dd/mm/yyyy,
                      numbers 2.467.522.500 and 65,4;
- excel-cp1258.csv    the same, in Windows-1258 (Python's cp1258 codec, tone marks
                      as separate combining characters as Windows writes them);
- excel-unicode.txt   the same, as Excel's "Unicode Text": UTF-16LE with BOM, tabs;
- registry.xlsx       a workbook written by openpyxl: a merged title row and a blank
                      row above the header, dates as date cells, numbers as number
                      cells, and some of them as text.

Run from the repository root: python3 scripts/make_io_fixtures.py
(needs openpyxl: python3 -m pip install openpyxl).
"""

import csv
import datetime
import io
import os
import unicodedata

ROWS = 500
SRC = "examples/data/nghe-an/registry-2025-12-31.csv"
OUT = "tests/data/io"

HEADERS = {
    "id": "Mã số HTX",
    "name": "Tên tổ chức",
    "kind": "Loại hình",
    "sector": "Lĩnh vực",
    "province": "Tỉnh",
    "district": "Huyện",
    "commune": "Xã",
    "established": "Ngày thành lập",
    "dissolved": "Ngày giải thể",
    "status": "Tình trạng",
    "members": "Số thành viên",
    "associate_members": "Số thành viên liên kết",
    "member_coops": "Số HTX thành viên",
    "rating": "Xếp loại",
    "value_chain": "Liên kết chuỗi giá trị",
    "high_tech": "Ứng dụng công nghệ cao",
    "digital": "Chuyển đổi số",
    "female_director": "Giám đốc là nữ",
    "paper_only": "Hoạt động hình thức",
    "revenue_vnd": "Doanh thu (đồng)",
    "avg_income_vnd": "Thu nhập bình quân (đồng/người/năm)",
    "key_staff": "Số cán bộ chủ chốt",
    "key_staff_trained": "Cán bộ chủ chốt đã qua đào tạo",
    "key_staff_refreshed": "Cán bộ chủ chốt được bồi dưỡng",
}
KINDS = {"tht": "Tổ hợp tác", "htx": "Hợp tác xã", "lhhtx": "Liên hiệp hợp tác xã"}
SECTORS = {
    "agriculture": "Nông nghiệp",
    "industry": "Công nghiệp - Tiểu thủ công nghiệp",
    "trade": "Thương mại - Dịch vụ",
    "construction": "Xây dựng",
    "transport": "Vận tải",
    "credit": "Quỹ tín dụng nhân dân",
    "environment": "Môi trường",
    "other": "Khác",
}
STATUSES = {
    "active": "Đang hoạt động",
    "suspended": "Tạm ngừng hoạt động",
    "dissolving": "Chờ giải thể",
    "dissolved": "Đã giải thể",
}
RATINGS = {"good": "Tốt", "fair": "Khá", "average": "Trung bình", "weak": "Yếu"}
FLAGS = {"value_chain", "high_tech", "digital", "female_director", "paper_only"}
DATES = {"established", "dissolved"}
TEXT = {"id", "name", "province", "district", "commune"}


def vi_number(s):
    """1015692000 -> 1.015.692.000; 65.4 -> 65,4."""
    neg = s.startswith("-")
    s = s.lstrip("-")
    whole, _, frac = s.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if neg else "") + out


def vi_value(column, value):
    if value == "":
        return ""
    if column == "kind":
        return KINDS[value]
    if column == "sector":
        return SECTORS[value]
    if column == "status":
        return STATUSES[value]
    if column == "rating":
        return RATINGS[value]
    if column in FLAGS:
        return "Có" if value == "true" else "Không"
    if column in DATES:
        d = datetime.date.fromisoformat(value)
        return d.strftime("%d/%m/%Y")
    if column in TEXT:
        return value
    if column == "ocop":
        return "Có" if value == "true" else "Không"
    return vi_number(value)


def cp1258(text):
    """Text as Windows writes it in code page 1258: a base letter with its
    circumflex, breve or horn where the code page has it, tone marks as
    combining characters."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], list(parts[1:])
        # Compose the base with the marks the code page holds composed.
        for m in list(marks):
            composed = unicodedata.normalize("NFC", base + m)
            if len(composed) == 1:
                try:
                    composed.encode("cp1258")
                    base = composed
                    marks.remove(m)
                except UnicodeEncodeError:
                    pass
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


def main():
    with open(SRC, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1 : ROWS + 1]
    os.makedirs(OUT, exist_ok=True)
    with open(f"{OUT}/canonical.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(body)

    vi_header = [HEADERS.get(c, c) for c in header]
    vi_rows = [[vi_value(c, v) for c, v in zip(header, row)] for row in body]

    def excel_csv(delimiter):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
        w.writerow(vi_header)
        w.writerows(vi_rows)
        return buf.getvalue()

    with open(f"{OUT}/excel-semicolon.csv", "wb") as f:
        f.write(excel_csv(";").encode("utf-8-sig"))
    with open(f"{OUT}/excel-cp1258.csv", "wb") as f:
        f.write(cp1258(excel_csv(";")))
    with open(f"{OUT}/excel-unicode.txt", "wb") as f:
        f.write(excel_csv("\t").encode("utf-16"))  # BOM, little-endian

    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách HTX"
    ws.append(["DANH SÁCH TỔ CHỨC KINH TẾ TẬP THỂ TỈNH NGHỆ AN NĂM 2025"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append([])
    ws.append(vi_header)
    for i, row in enumerate(body):
        cells = []
        for c, v in zip(header, row):
            if v == "":
                cells.append(None)
            elif c in DATES:
                d = datetime.date.fromisoformat(v)
                # Every seventh row writes its date as text, as offices do.
                cells.append(d.strftime("%d/%m/%Y") if i % 7 == 0 else d)
            elif c in TEXT or c in {"kind", "sector", "status", "rating"}:
                cells.append(vi_value(c, v))
            elif c in FLAGS:
                cells.append("x" if v == "true" else None)
            elif c == "ocop":
                cells.append(vi_value(c, v))
            elif i % 5 == 0:
                # Numbers as text in the Vietnamese format.
                cells.append(vi_number(v))
            elif "." in v:
                cells.append(float(v))
            else:
                cells.append(int(v))
        ws.append(cells)
    wb.save(f"{OUT}/registry.xlsx")


if __name__ == "__main__":
    main()
