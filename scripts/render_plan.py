"""Lay out a plan (Markdown) as an A4 PDF in the Decree 30/2020/NĐ-CP format, with its ground truth.

Used by scripts/make_samples.py; needs reportlab (`pip install -e '.[samples]'`) and DejaVu Serif
(`apt-get install -y fonts-dejavu`). DejaVu Serif rather than Times/Liberation Serif: the Liberation
Serif packaged here lacks the Vietnamese precomposed letters (Ủ, ờ, ạ …). DejaVu runs wider than
Times, so the body is set at 12 pt, which prints about as large as Times 13 pt.

Every line is placed by this module (not by a flowing layout engine), so the ground truth is exactly
what is printed, page by page, in reading order: page number, left header column, right header
column, body, recipients column, signature column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

# The typefaces a plan can be printed in: where their files are (a Debian package) and each style's file.
# DejaVu Serif is the default (the samples); Liberation Serif 2 has Times New Roman's metrics, the face
# nearly every real plan is typed in (`apt-get install -y fonts-liberation2`; the 1.x package lacks
# the Vietnamese precomposed letters).
FAMILIES = {
    "dejavu": (Path("/usr/share/fonts/truetype/dejavu"),
               {"R": "DejaVuSerif", "B": "DejaVuSerif-Bold", "I": "DejaVuSerif-Italic",
                "BI": "DejaVuSerif-BoldItalic"}),
    "times": (Path("/usr/share/fonts/truetype/liberation2"),
              {"R": "LiberationSerif-Regular", "B": "LiberationSerif-Bold", "I": "LiberationSerif-Italic",
               "BI": "LiberationSerif-BoldItalic"}),
}
MM = 72 / 25.4
WIDTH, HEIGHT = A4
# Decree 30 margins: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
LEFT, RIGHT, TOP, BOTTOM = 30 * MM, WIDTH - 15 * MM, HEIGHT - 20 * MM, 20 * MM
BODY_SIZE, LEADING, PARA_GAP, INDENT = 12.0, 16.0, 5.0, 10 * MM

ISSUER = ("ỦY BAN NHÂN DÂN", "XÃ THƯỜNG XUÂN")
NATIONAL = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
LEFT_COL_CX, RIGHT_COL_CX = LEFT + 22 * MM, LEFT + 110 * MM


@dataclass
class Run:
    x: float
    y: float
    text: str
    style: str
    size: float
    words: list[tuple[float, str]] | None = None  # justified: each word at its own x


@dataclass
class Page:
    runs: list[Run] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)  # x0, x1, y underlines
    truth: list[str] = field(default_factory=list)


def register_fonts(family: str = "dejavu") -> None:
    """Print in `family` (FAMILIES) from now on: every style is registered under the same name."""
    folder, files = FAMILIES[family]
    for style, name in files.items():
        pdfmetrics.registerFont(TTFont(f"K{style}", str(folder / f"{name}.ttf")))


def width(text: str, style: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, f"K{style}", size))


@dataclass
class Block:
    kind: str  # doc_type | title | heading | para | bullet
    text: str


def parse_markdown(md: str) -> tuple[str, str, list[Block], list[str], list[str]]:
    """(number line, place/date line, body blocks, recipients, signature lines) of the sample plan."""
    lines = [ln.rstrip() for ln in md.split("\n")]
    number = next(ln for ln in lines if ln.startswith("Số:"))
    date = next(ln for ln in lines if ", ngày" in ln)
    blocks: list[Block] = []
    recipients: list[str] = []
    signature: list[str] = []
    ending = False
    for raw in lines:
        if raw in (number, date) or not raw.strip():
            continue
        level = len(raw) - len(raw.lstrip("#"))
        text = re.sub(r"\*\*|__", "", raw.lstrip("#").strip()).strip()
        text = re.sub(r"^\*(.*)\*$", r"\1", text).rstrip("\\ ").strip()
        if text.startswith("*Nơi") or text.startswith("Nơi"):
            ending = True
            continue
        if ending:
            if text.startswith("- "):
                recipients.append(text)
            elif text.startswith("nhận"):
                continue
            else:
                signature.append(text.replace("KT.CHỦ", "KT. CHỦ"))
            continue
        if text == "KẾ HOẠCH":
            blocks.append(Block("doc_type", text))
        elif level == 3 and blocks and blocks[-1].kind == "doc_type":
            blocks.append(Block("title", text))
        elif level or (re.match(r"^[IVX]+\. ", text) and text.isupper()):
            blocks.append(Block("heading", text))
        elif blocks and blocks[-1].kind in ("para", "bullet") and text[:1].islower():
            # The source Markdown breaks paragraphs where its own source had page breaks.
            blocks[-1].text += " " + text
        else:
            blocks.append(Block("bullet" if text[:1] in "-+" else "para", text))
    return number, date, blocks, recipients, signature


def wrap(text: str, style: str, size: float, first: float, rest: float) -> list[str]:
    words, out, line = text.split(), [], ""
    for word in words:
        trial = f"{line} {word}" if line else word
        if line and width(trial, style, size) > (first if not out else rest):
            out.append(line)
            line = word
        else:
            line = trial
    return [*out, line] if line else out


class Layout:
    def __init__(self) -> None:
        self.pages: list[Page] = []
        self.y = 0.0
        self.new_page()

    def new_page(self) -> None:
        page = Page()
        self.pages.append(page)
        self.y = TOP
        number = len(self.pages)
        if number > 1:  # Decree 30: page numbers centred in the top margin, from page 2
            text = str(number)
            page.runs.append(Run(WIDTH / 2 - width(text, "R", 12) / 2, HEIGHT - 12 * MM, text, "R", 12))
            page.truth.append(text)

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def need(self, height: float) -> None:
        if self.y - height < BOTTOM:
            self.new_page()

    def centred(self, cx: float, y: float, text: str, style: str, size: float) -> Run:
        return Run(cx - width(text, style, size) / 2, y, text, style, size)

    def header(self, number: str, date: str) -> None:
        left = [("R", 12.5, ISSUER[0]), ("B", 12.5, ISSUER[1])]
        right = [("B", 11.5, NATIONAL[0]), ("B", 12.5, NATIONAL[1])]
        y = self.y - 12
        for i in range(2):
            for cx, (style, size, text) in ((LEFT_COL_CX, left[i]), (RIGHT_COL_CX, right[i])):
                self.page.runs.append(self.centred(cx, y, text, style, size))
            y -= 16
        for cx, half in ((LEFT_COL_CX, 14 * MM), (RIGHT_COL_CX, 30 * MM)):
            self.page.rules.append((cx - half, cx + half, y + 11))
        y -= 12
        self.page.runs.append(self.centred(LEFT_COL_CX, y, number, "R", 12.5))
        self.page.runs.append(self.centred(RIGHT_COL_CX, y, date, "I", 12.5))
        self.page.truth += [left[0][2], left[1][2], number, right[0][2], right[1][2], date]
        self.y = y - 30

    def centred_block(self, text: str, size: float, rule: bool = False) -> None:
        for line in wrap(text, "B", size, RIGHT - LEFT - 40, RIGHT - LEFT - 40):
            self.need(LEADING)
            self.page.runs.append(self.centred((LEFT + RIGHT) / 2, self.y, line, "B", size))
            self.page.truth.append(line)
            self.y -= size + 5
        if rule:
            cx = (LEFT + RIGHT) / 2
            self.page.rules.append((cx - 20 * MM, cx + 20 * MM, self.y + size - 1))
            self.y -= 8

    def paragraph(self, text: str, style: str = "R") -> None:
        lines = wrap(text, style, BODY_SIZE, RIGHT - LEFT - INDENT, RIGHT - LEFT)
        for i, line in enumerate(lines):
            self.need(LEADING)
            x = LEFT + (INDENT if i == 0 else 0)
            run = Run(x, self.y, line, style, BODY_SIZE)
            if i < len(lines) - 1:  # justified: spread the slack over the gaps between words
                words = line.split()
                slack = RIGHT - x - sum(width(w, style, BODY_SIZE) for w in words)
                gap = slack / (len(words) - 1) if len(words) > 1 else 0.0
                pos, run.words = x, []
                for word in words:
                    run.words.append((pos, word))
                    pos += width(word, style, BODY_SIZE) + gap
            self.page.runs.append(run)
            self.page.truth.append(line)
            self.y -= LEADING
        self.y -= PARA_GAP

    def ending(self, recipients: list[str], signature: list[str]) -> None:
        rows = 1 + len(recipients)
        self.need(rows * 14 + 40)
        y0 = self.y - 6
        left: list[str] = []
        right: list[str] = []
        y = y0
        self.page.runs.append(Run(LEFT, y, "Nơi nhận:", "BI", 12))
        left.append("Nơi nhận:")
        for item in recipients:
            y -= 14
            self.page.runs.append(Run(LEFT, y, item, "R", 11))
            left.append(item)
        y = y0
        cx = RIGHT_COL_CX
        for i, text in enumerate(signature):
            if i == len(signature) - 1:
                y -= 60  # room for the signature and the seal
            self.page.runs.append(self.centred(cx, y, text, "B", 12.5))
            right.append(text)
            y -= 16
        self.page.truth += left + right
        self.y = min(y, y0 - rows * 14) - 10


def lay_out(md: str) -> list[Page]:
    number, date, blocks, recipients, signature = parse_markdown(md)
    layout = Layout()
    layout.header(number, date)
    for block in blocks:
        if block.kind == "doc_type":
            layout.centred_block(block.text, 13.5)
        elif block.kind == "title":
            layout.centred_block(block.text, 13, rule=True)
        elif block.kind == "heading":
            layout.need(LEADING * 2)  # keep a heading with the first line after it
            layout.paragraph(block.text, "B")
        else:
            layout.paragraph(block.text)
    layout.ending(recipients, signature)
    return layout.pages


def draw(pages: list[Page], path: Path) -> None:
    canvas = Canvas(str(path), pagesize=A4, invariant=True)  # invariant: same bytes on every run
    canvas.setTitle("Kế hoạch tuyên truyền cải cách hành chính năm 2025 - xã Thường Xuân (mẫu)")
    for page in pages:
        for run in page.runs:
            canvas.setFont(f"K{run.style}", run.size)
            for x, text in run.words or [(run.x, run.text)]:
                canvas.drawString(x, run.y, text)
        canvas.setLineWidth(0.6)
        for x0, x1, y in page.rules:
            canvas.line(x0, y, x1, y)
        canvas.showPage()
    canvas.save()
