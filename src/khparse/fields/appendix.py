"""Appendices (Phụ lục): heading, caption and table, best effort on text.

Tables arrive as Markdown pipes ("| TT | Nhiệm vụ | …"; the read stage emits every table it reads
cell by cell in this form: ruled PDF tables, scanned grids, Word and HTML tables), tab-separated
cells, or cells separated by runs of spaces from a layout-preserving PDF conversion. A table that
runs over two pages arrives as two tables, one per page; they are merged into one appendix.
"""

from __future__ import annotations

import re

from khparse import similarity
from khparse.cues import APPENDIX, ATTACHED_TO, COLUMN_GAP, FORM_HEADING
from khparse.fields.common import tidy, upper_share
from khparse.fields.layout_table import is_layout_row, layout_table
from khparse.fields.lone_cells import lone_cell_table
from khparse.fold import fold
from khparse.lines import Line
from khparse.model.drafts import Appendix, Assignment
from khparse.outline.zones import is_appendix_heading

_SEPARATOR_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")


def _caption(line: Line) -> bool:
    """"(Kèm theo Kế hoạch số      /KH-UBND ngày    /01/2026 …)": the blanks left in a caption are no
    gaps between cells."""
    return ATTACHED_TO.match(line.key.strip("*_( ")) is not None


# A dash that ends a cell's line, after a space: the cell's text goes on below it ("Công chức Văn phòng -" /
# "Thống kê" in a table drawn in characters); kept until the row's lines are joined (_table).
_HANGING_DASH = re.compile(r"\s[-–]\s*$")


def _cells(line: Line) -> list[str] | None:
    raw = line.raw.strip()
    if raw.startswith("|") or raw.count("|") >= 2:
        return [tidy(c) + (" -" if _HANGING_DASH.search(c) else "") if tidy(c) else ""
                for c in raw.strip("|").split("|")]
    if "\t" in raw:
        return [c.strip() for c in raw.split("\t")]
    if _caption(line):
        return None
    parts = COLUMN_GAP.split(raw)
    return parts if len(parts) >= 3 else None


# "Phụ lục" in sentence case alone on its line (with its number): a heading, not a mention in a sentence.
_APPENDIX_ALONE = re.compile(r"\W*phu luc(?:\s+(?:[ivx]{1,4}|\d{1,2}|so \d{1,2}))?\W*")


def parse_appendices(lines: list[Line]) -> list[Appendix]:
    groups: list[list[Line]] = []
    for i, line in enumerate(lines):
        if is_appendix_heading(lines, i) and (upper_share(line.text[:8]) > 0.7 or _APPENDIX_ALONE.fullmatch(line.key)
                                              or FORM_HEADING.match(line.key)) \
                and not _subtitle(line, groups):
            groups.append([line])
        elif groups:
            groups[-1].append(line)
    return [_appendix(group) for group in groups]


def _subtitle(heading: Line, groups: list[list[Line]]) -> bool:
    """A heading with its "(Kèm theo …)" note right under "PHỤ LỤC", before any table: that
    appendix's subtitle, not an appendix of its own."""
    return bool(groups) and not APPENDIX.match(heading.key) and not any(_cells(g) for g in groups[-1])


# A row this similar to the header (folded, 0-100) repeats it: OCR reads the two copies of a header
# a letter or two apart ("TY" on one page, "TT" on the next); a data row is nowhere near.
REPEATED_HEADER = 85.0


def _same_cells(cells: list[str], columns: list[str]) -> bool:
    """A row that repeats the header (a table continued on a new page repeats its header row)."""
    row, header = (" | ".join(fold(c) for c in cs if c) for cs in (cells, columns))
    return row == header or similarity.ratio(row, header) >= REPEATED_HEADER


def _sub_header(cells: list[str], columns: list[str]) -> list[str] | None:
    """The column names when `cells` is the second row of a two-row header: where the first row
    repeats a group's name over the columns it spans ("Đơn vị thực hiện | Đơn vị thực hiện" over
    "Chủ trì | Phối hợp", as converters print a merged cell) or leaves the spanned columns empty
    ("Thời gian kiểm tra | " over "Ngày | Buổi"), the second row names them; elsewhere
    it repeats the first row or is empty. None when `cells` is a row of data."""
    if len(cells) != len(columns):
        return None
    # A merged cell printed in each column it spans, or in the first only (the others left empty: all of
    # them, "Lộ trình thực hiện | | | |" over "Năm 2026 | … | Năm 2030").
    spanned = set()
    for i, c in enumerate(columns):
        if not c and i and (columns[i - 1] or i - 1 in spanned):
            spanned |= {i - 1, i}
    grouped = sorted({i for i, c in enumerate(columns) if c and columns.count(c) > 1} | spanned)
    if not grouped or not all(cells[i] and fold(cells[i]) != fold(columns[i]) for i in grouped):
        return None
    if any(i not in grouped and cells[i] and fold(cells[i]) != fold(columns[i]) for i in range(len(cells))):
        return None
    return [cells[i] if i in grouped else columns[i] for i in range(len(columns))]


# A note printed across a table's foot ("Ghi chú: Thời gian ghi theo tháng/năm …", an HTML <tfoot>).
_NOTE_ROW = re.compile(r"^\W*(?:ghi chu|luu y|chu thich)\b")


def _column_numbers(cells: list[str]) -> bool:
    """The row of column numbers under a header: 1 | 2 | 3 … or (1) | (2) | (3) …"""
    numbers = [c.strip("()") for c in cells if c]
    return len(numbers) >= 2 and numbers == [str(n) for n in range(1, len(numbers) + 1)]


def _continued(cells: list[str], previous: list[str]) -> bool:
    """The first row of a table continued on a new page, holding the rest of the last row of the
    page before: its number cell (TT / STT) is empty while the rows are numbered."""
    return not cells[0] and bool(re.fullmatch(r"\d{1,3}[.)]?|[IVXLC]{1,6}[.)]?", previous[0])) \
        and any(cells)


def _appendix(group: list[Line]) -> Appendix:
    """The appendix's title, caption and table."""
    caption, columns, rows = _table(group[1:])
    return Appendix(title=group[0].text, caption=" ".join(caption) or None, columns=columns, rows=rows)


# A table copied from a web page one cell a line, each cell closed by its border ("TT |" / "Chỉ tiêu |" /
# … / "1 |" / "Tỷ lệ … |" / …): the header runs up to the first row number, and each row then takes as
# many cells as the header has.
_ONE_CELL = re.compile(r"^[^|]+\|$")


def _cell_per_line(lines: list[Line]) -> tuple[list[str], list[list[str]]] | None:
    """(columns, rows) of a table printed one cell a line at the start of `lines`, else None."""
    cells: list[str] = []
    for line in lines:
        if not _ONE_CELL.match(line.raw.strip()):
            break
        cells.append(tidy(line.raw.strip().rstrip("|")))
    width = next((i for i, cell in enumerate(cells) if cell == "1"), 0)
    if width < 2 or (len(cells) - width) % width or len(cells) < 2 * width:
        return None
    rows = [cells[at : at + width] for at in range(width, len(cells), width)]
    if [row[0] for row in rows] != [str(n) for n in range(1, len(rows) + 1)]:
        return None
    return cells[:width], rows


# A table copied from a PDF viewer loses its cell borders: one space between cells ("STT Cơ quan, đơn vị
# được kiểm tra Thời gian dự kiến Ghi chú" / "1 Sở Xây dựng Tháng 3/2026"). Its cells cannot be told
# apart, but its rows can: under a header starting "STT" / "TT", each row starts with its number in
# sequence, or a group row with a Roman numeral; a line starting otherwise is a wrapped row's rest.
_BARE_HEADER = re.compile(r"^(?:stt|tt)\s+\S")
_BARE_ROW = re.compile(r"^(\d{1,3}|[IVX]{1,4})\.?\s+\S")
MIN_BARE_ROWS = 3  # numbered rows in sequence before such lines are taken for a table


def _bare_rows(lines: list[Line]) -> tuple[list[str], list[list[str]]] | None:
    """(columns, rows) of a borderless copied table whose header is `lines[0]`, one cell a row; else None."""
    if not lines or not _BARE_HEADER.match(lines[0].key):
        return None
    rows: list[str] = []
    expected = 1
    for line in lines[1:]:
        m = _BARE_ROW.match(line.text)
        if m and (m.group(1) == str(expected) or not m.group(1).isdigit()):
            expected += m.group(1).isdigit()
            rows.append(line.text)
        elif rows and not m:
            rows[-1] = f"{rows[-1]} {line.text}"
        else:
            break
    if expected - 1 < MIN_BARE_ROWS:
        return None
    return [lines[0].text], [[row] for row in rows]


def _table_without_pipes(lines: list[Line], cells: list[str] | None) -> tuple[list[str], list[list[str]]] | None:
    """(columns, rows) of a table starting at `lines[0]` that is not printed in pipe or tab cells
    (`cells`, the first line's, is what _cells read): one cell a line without borders (lone_cells.py),
    copied without borders, one cell a line with borders, or laid out with spaces (columns by
    position); else None."""
    raw = lines[0].raw.strip()
    if _caption(lines[0]):
        return None
    lone = lone_cell_table(lines) if cells is None else None
    if lone is not None:
        return lone
    if cells is None and _BARE_HEADER.match(lines[0].key):
        bare = _bare_rows(lines)
        if bare is not None:
            return bare
    if _ONE_CELL.match(raw):
        one_a_line = _cell_per_line(lines)
        if one_a_line is not None:
            return one_a_line
    return layout_table(lines) if is_layout_row(raw) else None


def _table(lines: list[Line]) -> tuple[list[str], list[str], list[list[str]]]:
    """(caption, columns, rows) of a table printed in lines. A table that runs over several pages
    (each page's part read as a table of its own) is one table: a repeated header row and a row of
    column numbers are dropped, and a row broken by the page break is joined again."""
    caption: list[str] = []
    columns: list[str] = []
    top: list[str] = []  # a two-row header's first row, repeated on later pages with the second
    rows: list[list[str]] = []
    last_page, new_page = (lines[0].page if lines else 0), False
    ruled = any(_SEPARATOR_ROW.match(line.raw.strip()) for line in lines)  # "|---|---|" under the header
    for at, line in enumerate(lines):
        cells = _cells(line)
        if not columns:
            other = _table_without_pipes(lines[at:], cells)
            if other is not None:
                return caption, other[0], other[1]
        if _SEPARATOR_ROW.match(line.raw.strip()):
            continue
        if cells is None:
            if not columns:
                caption.append(line.text)
            elif rows and line.text[:1].islower():  # a wrapped last cell
                rows[-1][-1] = f"{rows[-1][-1]} {line.text}".strip()
            continue
        new_page = new_page or line.page != last_page  # no data row yet on this page
        last_page = line.page
        if not columns:
            columns = cells
            continue
        cells = cells + [""] * (len(columns) - len(cells))
        if _NOTE_ROW.match(fold(cells[0])) and not any(cells[1:]):
            continue  # "Ghi chú: …" across the table's foot: a note, no row of data
        named = _sub_header(cells, columns) if not rows else None
        if named is not None:
            top, columns = columns, named
            continue
        repeated = _same_cells(cells, columns) or bool(top and _same_cells(cells, top))
        if repeated or (_column_numbers(cells) and (not rows or new_page)) or _blank_row(cells):
            continue
        # A row broken by a page, or a cell's wrapped lines in a table without rules between its rows
        # (antiword, a typed table): its number cell empty while the rows are numbered.
        if (new_page or not ruled) and rows and _continued(cells, rows[-1]):
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=False)] + rows[-1][len(cells):]
        else:
            rows.append(cells)
        new_page = False
    if _form_to_fill(columns, rows):
        rows = []
    return caption, columns, [[cell.removesuffix(" -") for cell in row] for row in rows]  # a dash left hanging


# What a form leaves for the one who fills it in: nothing, dots, an ellipsis, a rule ("……………", "…", "___").
_PLACEHOLDER = re.compile(r"[\s.…_\-–—/:,]*")
# A row's own number or label that holds no data ("1", "(2)", "…", "Tổng cộng", "Cộng").
_ROW_LABEL = re.compile(r"\(?\d{1,3}\)?\.?|[ivx]{1,4}\.?|(?:tong )?cong")


def _blank_row(cells: list[str]) -> bool:
    """A row of a form to be filled in: its number (or "Tổng cộng") and nothing else ("2 | | | |",
    "… | … | |", "| Tổng cộng | | |"). Such rows are no data; a row of figures or names is."""
    filled = [c for c in cells if not _PLACEHOLDER.fullmatch(c)]
    return len(filled) <= 1 and all(_ROW_LABEL.fullmatch(fold(c)) or _PLACEHOLDER.fullmatch(c) for c in filled)


# A form whose rows name what to report and leave the figures blank ("STT | Chỉ tiêu | Kết quả | Ghi chú"
# with "1 | Số hộ đã cấp căn cước | | "): the table is for the recipient to fill in, none of its rows is
# the plan's (a task table leaves a "Ghi chú" blank at most). From this many columns; a list of two
# columns (number, name) is data.
FORM_MIN_COLUMNS = 3


# A survey's answers to tick, laid out in a grid ("☐ Hội nghị khu phố | ☐ Loa truyền thanh | …").
_TICK_BOX = re.compile(r"^[☐☑☒□■◻◼❑○●]")


def _form_to_fill(columns: list[str], rows: list[list[str]]) -> bool:
    """Every row blank from its third cell on, or half the columns (two at least) blank in every row
    ("Kết quả trong tháng | Lũy kế | Ghi chú" beside "Chỉ tiêu | Đơn vị tính"), in a table of
    FORM_MIN_COLUMNS or more; or a grid of boxes to tick (most of its cells open with one)."""
    if len(columns) >= FORM_MIN_COLUMNS and rows:
        if all(all(_PLACEHOLDER.fullmatch(c) for c in row[2:]) for row in rows):
            return True
        blank = sum(all(k >= len(row) or _PLACEHOLDER.fullmatch(row[k]) for row in rows) for k in range(len(columns)))
        if blank >= 2 and blank * 2 >= len(columns):
            return True
    cells = [c for c in (*columns, *(c for row in rows for c in row)) if c]
    return bool(cells) and sum(bool(_TICK_BOX.match(c)) for c in cells) * 2 > len(cells)


def body_tables(lines: list[Line]) -> list[Appendix]:
    """Task tables printed inside a section ("III. PHÂN CÔNG NHIỆM VỤ" over TT | Nội dung | Chủ trì | …):
    a row of cells naming a lead column, and the rows of cells under it (wrapped cells included).
    A table without a lead column is left to the section's text."""
    out: list[Appendix] = []
    at = 0
    while at < len(lines):
        cells = _cells(lines[at])
        if cells is None or "lead" not in _column_roles(cells):
            at += 1
            continue
        end = at + 1
        # A row's cells wrapped onto lines of their own ("  1    Xây dựng … năm" / "       2024; kiện toàn
        # …"): each piece of the line within a column of the header; a paragraph after the table runs
        # across the columns.
        starts = [m.start() for m in _PIECE.finditer(lines[at].raw)]
        while end < len(lines) and (_cells(lines[end]) is not None or _within_columns(lines[end], starts)):
            end += 1
        _, columns, rows = _table(lines[at:end])
        if rows:
            out.append(Appendix(title="", caption=None, columns=columns, rows=rows))
        at = end
    return out


_COLUMN_ROLES = {
    "task": ("noi dung", "nhiem vu", "ten nhiem vu", "noi dung cong viec", "hoat dong", "san pham"),
    "lead": ("co quan chu tri", "don vi chu tri", "chu tri", "co quan thuc hien", "don vi thuc hien",
             "bo phan chu tri", "bo phan thuc hien", "nguoi chu tri", "nguoi thuc hien",
             # a school's or an office's table, whose lead is a person's post ("Phó Hiệu trưởng")
             "phu trach", "nguoi phu trach", "bo phan phu trach", "can bo phu trach",
             "nguoi bo phan phu trach", "nguoi bo phan thuc hien", "don vi phu trach"),
    "partners": ("co quan phoi hop", "don vi phoi hop", "phoi hop"),
    "timeline": ("thoi gian hoan thanh", "thoi gian thuc hien", "thoi gian", "tien do", "thoi han"),
}


# A column named by who does it and then its role ("Khoa, phòng chủ trì", "Các sở, ngành phối hợp").
_ROLE_ENDINGS = {"lead": " chu tri", "partners": " phoi hop"}


# A piece of a line laid out with spaces: words one or two spaces apart (a column gap is three or more).
_PIECE = re.compile(r"\S+(?: {1,2}\S+)*")
# How far a wrapped cell's text may stand outside its column (pdftotext's rounding of positions).
_COLUMN_SLACK = 2


def _within_columns(line: Line, starts: list[int]) -> bool:
    """Every piece of `line` starts in a column whose header starts at `starts` and ends before the
    next column's; a piece may run into the next column only where two spaces part it exactly there
    (a cell filled to its column's width: "… thông qua tại Kỳ  dục pháp luật …")."""
    if len(starts) < 2:
        return False
    return all(_in_column(piece.start(), piece.group(), starts) for piece in _PIECE.finditer(line.raw))


def _in_column(at: int, text: str, starts: list[int]) -> bool:
    """`text`, printed from column `at` of the line, stands within the columns that start at `starts`."""
    column = max((k for k, start in enumerate(starts) if start <= at + _COLUMN_SLACK), default=None)
    if column is None:
        return False
    if column + 1 == len(starts) or at + len(text) <= starts[column + 1] + _COLUMN_SLACK:
        return True
    for gap in re.finditer("  ", text):  # parted exactly where a later column starts
        after = at + gap.end()
        if any(abs(after - start) <= _COLUMN_SLACK for start in starts[column + 1:]):
            return _in_column(at, text[:gap.start()], starts) and _in_column(after, text[gap.end():], starts)
    return False


# A header cell read by OCR off a faxed table may miss a letter of its name ("Cơ quan cha trì", "Cơ man
# phối hợp"): a column whose header's start is this close (rapidfuzz ratio, 0-100) to a column name
# takes its role where no header spells the name. One letter off a name of 15 letters is 93; the
# nearest names of two roles ("co quan chu tri" / "co quan phoi ho…") are below 70.
READ_HEADER_SIMILAR = 85


# "Cơ quan, đơn vị chủ trì", "Đơn vị/cơ quan phối hợp": the kinds of body named twice, read as one.
_BODIES = re.compile(r"^(co quan|don vi)(?: (?:va )?(?:co quan|don vi))+ ")


def _column_roles(columns: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    keys = [_BODIES.sub(r"\1 ", " ".join(fold(column).replace("/", " ").replace(",", " ").split()))
            for column in columns]
    for close in (False, True):
        for index, key in enumerate(keys):
            if index in roles.values():
                continue
            for role, names in _COLUMN_ROLES.items():
                if role not in roles and (any(
                        similarity.ratio(key[: len(name)], name) >= READ_HEADER_SIMILAR if close
                        else key.startswith(name) for name in names)
                        or (not close and key.endswith(_ROLE_ENDINGS.get(role, "\0")))):
                    roles[role] = index
                    break
    return roles


# A time of day ("07h00 - 07h30", "7 giờ 30", "14:00", "Sáng 8h00"), in small letters (not folded: fold
# reads OCR's "0" after a letter as "o"): a programme's hour, where a task's time is a deadline (a date,
# a month, a quarter, "Thường xuyên").
_CLOCK = re.compile(r"^(?:(?:sáng|chiều|tối|trưa)\s+)?(?:từ\s+)?\d{1,2}\s*(?:h|giờ|:)\s*(?:\d{2})?(?!\w)")
# Share of a table's filled time cells that must read as hours for it to be a programme.
PROGRAMME_SHARE = 2 / 3


def _programme(appendix: Appendix, timeline: int) -> bool:
    """The table is the order of a ceremony or a meeting (Thời gian | Nội dung | Người thực hiện with the
    hours of a day): its people speak or act at an hour, they are not units given tasks (blind45's
    opening ceremony gave six "units": "Người dẫn chương trình", "Đồng chí Tổng trọng tài" …)."""
    times = [row[timeline].strip().lower() for row in appendix.rows if timeline < len(row) and row[timeline].strip()]
    return len(times) >= 2 and sum(bool(_CLOCK.match(t)) for t in times) >= PROGRAMME_SHARE * len(times)


def appendix_assignments(appendices: list[Appendix]) -> list[Assignment]:
    """Rows of a task table (Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian)."""
    out: list[Assignment] = []
    for appendix in appendices:
        roles = _column_roles(appendix.columns)
        if "lead" not in roles or ("timeline" in roles and _programme(appendix, roles["timeline"])):
            continue
        for row in appendix.rows:
            lead = tidy(row[roles["lead"]]) if roles["lead"] < len(row) else ""
            if not lead:
                continue
            cell = {role: row[i] if i < len(row) else "" for role, i in roles.items()}
            partners = cell.get("partners", "")
            out.append(Assignment(
                unit=lead,
                tasks=[tidy(cell["task"])] if tidy(cell.get("task", "")) else [],
                lead=lead,
                partners=[tidy(p) for p in re.split(r";|<br>", partners) if tidy(p)],
                timeline=tidy(cell.get("timeline", "")) or None,
            ))
    return out
