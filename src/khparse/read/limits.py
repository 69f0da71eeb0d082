"""The page limit of PDF and image input (`--max-pages`), checked before the first page is read."""

from __future__ import annotations

from khparse.errors import TooLargeError

# Plans run to 2-30 pages, a few with appendices to 100; past this a file is a bundle or a register
# (a year of documents), which costs minutes of OCR per hundred pages: a 2,000-page blank PDF
# was OCRed for ten minutes before this limit.
MAX_PAGES = 300


def check_page_count(pages: int, max_pages: int, name: str) -> None:
    if pages > max_pages:
        raise TooLargeError(f"{name}: {pages:,} pages, more than the {max_pages:,}-page limit; if it really is "
                            f"one plan, raise the limit with --max-pages (e.g. --max-pages {pages}).")
