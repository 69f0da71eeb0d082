"""The words and thresholds by which the parser recognises the parts of a Decree 30 document.

Each cue is defined once, here, on *folded* text (fold.py: marks removed, Đ → d, OCR look-alikes
mapped), with the reason it looks the way it does; the outline and the field extractors import
them. A new layout seen in the wild should mean a change in one place.
"""

from __future__ import annotations

import re

# --- the header (Decree 30/2020/NĐ-CP, Appendix I) ---------------------------------------------

# The right column's first line: the national title, the Party's for Party documents, the Youth
# Union's for Đoàn documents (its committees print "ĐOÀN TNCS HỒ CHÍ MINH" where the motto would be).
NATIONAL_TITLES = ("cong hoa xa hoi chu nghia viet nam", "dang cong san viet nam", "doan tncs ho chi minh",
                   "doan thanh nien cong san ho chi minh")
MOTTO = "doc lap - tu do - hanh phuc"
# How close a line must come to a national title or the motto to be it (rapidfuzz partial ratio):
# OCR garbles a letter in three ("CONG HOA XA HOQI"), merged columns add text around it.
FIXED_LINE_SIMILARITY = 78.0
# A national title or motto broken over lines ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM", as portals
# publish the header's table cells): a line is such a piece when it is this close to a stretch of
# the phrase and at least this long (shorter pieces, "VIỆT NAM", would match too much else).
FIXED_PIECE_SIMILARITY = 90.0
FIXED_PIECE_MIN_CHARS = 8

# Document types a plan is published under, longest first ("kế hoạch hành động" before "kế hoạch"); a
# joint plan of several bodies ("KẾ HOẠCH LIÊN TỊCH", "KẾ HOẠCH LIÊN NGÀNH") names them all, the lead
# first (JOINT_PLAN).
DOC_TYPES = (
    "ke hoach lien tich", "ke hoach lien nganh", "ke hoach hanh dong", "ke hoach", "chuong trinh hanh dong",
    "chuong trinh",
    "de cuong tuyen truyen", "de cuong", "huong dan", "phuong an",
)
JOINT_PLAN = re.compile(r"\blien (?:tich|nganh)$")
# How each is printed. Folded, "phương án" is also how a ward's name begins ("PHƯỜNG AN KHÁNH BẮC", "PHƯỜNG
# AN PHÚ": the issuer's line was taken for the document type, blind39); a line whose marks differ from the
# type's on every syllable is not it (outline/front.py; an OCR slip on one mark, "KÉ HOẠCH", still is).
DOC_TYPE_SPELLING = {
    "ke hoach lien tich": "kế hoạch liên tịch", "ke hoach lien nganh": "kế hoạch liên ngành",
    "ke hoach hanh dong": "kế hoạch hành động", "ke hoach": "kế hoạch",
    "chuong trinh hanh dong": "chương trình hành động", "chuong trinh": "chương trình",
    "de cuong tuyen truyen": "đề cương tuyên truyền", "de cuong": "đề cương", "huong dan": "hướng dẫn",
    "phuong an": "phương án",
}
# The first words of an issuing body's name: where the document (its header) begins. Portals put
# a title line, a metadata block ("Số hiệu / Ngày ban hành / …") or links before it.
# Every "BAN …" is a body (Ban Chấp hành, Ban Thường vụ, Ban Chỉ đạo, Ban Dân vận, Ban Tổ chức, Ban quản
# lý, a council's Ban Pháp chế …), as is every "TỔNG …" (Tổng cục, Tổng công ty, Tổng LĐLĐ Việt Nam).
# The army's bodies stand over a province's military command ("QUÂN KHU 4" / "BỘ CHỈ HUY QUÂN SỰ TỈNH");
# since 2025 the tax offices are "THUẾ TỈNH …" and "THUẾ CƠ SỞ …" under "CỤC THUẾ".
ISSUER_START = re.compile(
    r"^(?:uy ban nhan dan|ubnd|hoi dong nhan dan|hdnd|dang bo|dang uy|ban |bch |"
    r"tinh uy|thanh uy|huyen uy|quan uy|thi uy|bo |so |truong |cuc |"
    # the Youth Union's provincial, city or district committee over a commune's ("TỈNH ĐOÀN SƠN LA")
    r"tinh doan|thanh doan|huyen doan|"
    r"tong |van phong|chi bo|doan |hoi |lien doan|mat tran|uy ban|phong |trung tam|"
    r"cong an|bo chi huy|chi cuc|kho bac|benh vien|"
    r"hoc vien|dai hoc|vien |cong ty|bao hiem|ngan hang|chi nhanh|tap doan|toa an|thanh tra|kiem toan|dai |"
    r"bo tu lenh|lien minh|thue |quan khu|quan doan|quan chung|binh chung|su doan|lu doan|trung doan|bo doi bien phong|"
    # a border post under its province's border guard command ("BAN CHỈ HUY BỘ ĐỘI BIÊN PHÒNG" / "ĐỒN BIÊN
    # PHÒNG IA MƠ": the post is the issuer, the command its parent)
    r"don bien phong|"
    r"cong hoa xa hoi|dang cong san viet nam|"
    # The superior body abbreviated, as Decree 30 allows on the line above ("BHXH TỈNH PHÚ THỌ",
    # "VKSND TỈNH HÀ TĨNH", "CĐ CÁC KHU CÔNG NGHIỆP", "LĐLĐ TỈNH …", "TAND TỈNH …").
    r"bhxh |vksnd |tand |ldld |cd |hnd |hlhpn |mttq |kbnn |nhcsxh |cthads |cong doan |"
    # a mass organisation's central committee over its provincial one ("TW HỘI LHPN VIỆT NAM")
    r"tw |trung uong |hop tac xa |tram y te\b)"
)
# Columns of a layout merged on one line (pdftotext -layout, a typed table) stand three spaces or more
# apart; one or two spaces stand between the words of a cell.
COLUMN_GAP = re.compile(r"\s{3,}")
# The received stamp the receiving office puts on a plan ("CÔNG VĂN ĐẾN" or "ĐẾN", then "Số: 412 Ngày:
# 13/3/2015", "Chuyển: P. Nội vụ", "Lưu hồ sơ số"), its office's name above it; copied, OCRed or faxed
# with the plan. Its number and date are the office's register, not the plan's. A worn stamp's "ĐẾN"
# after "CÔNG VĂN" is read "ĐÊM" too (no plan's line starts "công văn đêm").
RECEIVED_STAMP = re.compile(r"^(?:(?:cong van|van ban|cv)\s*)?den\s*$|^(?:cong van|van ban|cv)\s*de[nm]\b")
RECEIVED_STAMP_FIELD = re.compile(r"^(?:so\s*[:.]?\s*\d+\s*(?:$|ngay)|ngay\s*[:.]?\s*\d|chuyen\s*[:.]|gio\s*[:.]|"
                                  r"luu ho so|nguoi nhan\s*[:.])")
# How far after its "CÔNG VĂN ĐẾN" line a stamp's fields stand.
RECEIVED_STAMP_SPAN = 4
# A portal's banner names the body too ("TRƯỜNG TIỂU HỌC … - CỔNG THÔNG TIN ĐIỆN TỬ"): no header starts there.
PORTAL_BANNER = re.compile(r"\b(?:cong thong tin dien tu|trang thong tin dien tu|website|trang chu)\b")
# What a portal prints after the document (the article's footer, its attachments, lists of other
# documents; a text browser's "References" list of addresses; a social network post's hashtags,
# "Xem bản dịch" and reactions): the document has ended where such a line starts.
PORTAL_AFTER = re.compile(
    r"^(?:tac gia|nguon tin|nguon|tu khoa|luot xem|so lan xem|chia se|in bai|gui email|ban in|"
    r"tep dinh kem|file dinh kem|tai ve|tai file|tat ca cam xuc)\s*:|"
    r"^(?:nhung tin (?:moi|cu) hon|tin (?:lien quan|khac|cung chuyen muc|moi)|cac tin khac|"
    r"in trang|ve dau trang|references$|xem ban dich$|"
    r"bai viet (?:lien quan|khac|moi)|cac van ban khac|van ban (?:lien quan|khac|moi)|"
    r"tong so diem cua bai viet|click de danh gia)\b|"
    r"^#\w+(?:\s+#\w+)*$"  # a line of hashtags only
)
# An issuer line that names a complete superior body and then the issuer ("HĐND TỈNH BẮC GIANG BAN
# PHÁP CHẾ", "UBND HUYỆN CHÂU THÀNH TRƯỜNG THCS TÂN HÒA") is cut where the second name starts, but
# only after a place word and its name: "BAN CHẤP HÀNH ĐẢNG BỘ TỈNH" is one name.
PLACE_WORD = re.compile(r"\b(?:tinh|huyen|xa(?! hoi\b)|phuong|thi tran|thi xa|thanh pho|quan|tp)\s+\w")  # not "xã hội"
# Without a place word, a line is cut in two where a body that has units under it ("SỞ NÔNG NGHIỆP VÀ
# MÔI TRƯỜNG") is followed by such a unit ("CHI CỤC KIỂM LÂM", "TRUNG TÂM …", "BỆNH VIỆN …"), as a
# converter joins the header's two lines (the second in bold) into one.
SUPERIOR_BODY = re.compile(r"^(?:so|bo|tong cuc|cuc)\s")
SUBORDINATE_BODY = re.compile(
    r"^(?:chi cuc|trung tam|ban quan ly|van phong|benh vien|hat kiem lam|tram|"
    r"truong (?:thpt|thcs|tieu hoc|mam non|trung hoc|cao dang|dai hoc|chinh tri|pt|trung cap))\s"
)
# A header line is mostly capitals; a line above this share is a header (or heading) line.
HEADER_UPPER_SHARE = 0.6
# A plan issued by a Quyết định: the decision's heading ("QUYẾT ĐỊNH") and the plan's own ("KẾ HOẠCH")
# are looked for in this many lines from the document's start (a decision's text is a page or two).
WRAPPER_SEARCHED = 80
# How many lines after the issuer's first line the rest of the header (title, number, type) lies.
HEADER_SPAN = 24
# Lines of a draft's header that are no part of the issuer ("DỰ THẢO", "Dự thảo lần 2").
DRAFT = re.compile(r"^\(?du thao\b")
# Where the title under "KẾ HOẠCH" ends when no blank line follows it: the body's first words — a
# part or section heading ("PHẦN I", "Phần thứ nhất", "I."), a numbered item, the note "(Ban hành
# kèm theo …)", or the sentence that says who issues the plan ("Ủy ban nhân dân xã ban hành …").
TITLE_END = re.compile(
    r"^(?:\(?\s*(?:ban hanh )?kem theo\b|phan (?:thu )?(?:[ivx]+|\d+|nhat|hai|ba|mot)\b|(?:muc|chuong) [ivx\d]+\b|"
    r"[ivx]{1,4}\s*[.:]\s|\d{1,2}\s*[.)]\s|nham\b|uy ban nhan dan\b|ubnd\b|ban thuong vu\b|ban chap hanh\b)"
)
# A title line is short (centred, bold); a line this long that ends a sentence is the body's.
TITLE_BODY_LINE_CHARS = 80
# Where a title and the body share a line ("… năm 2025. Nhằm tiếp tục …", "… năm 2025 Căn cứ Luật …"):
# a sentence end followed by a capital, or the basis opener; what follows is the body's.
TITLE_RUNS_ON = re.compile(r"\.\s+(?=[A-ZĐ])|\s+(?=(?:Căn cứ|Thực hiện|Theo đề nghị)\s)")

# --- the tail and the appendix -------------------------------------------------------------------

# "Trên đây là Kế hoạch …": the closing sentence that ends the body.
CLOSING = re.compile(r"^tren day\b")
# The signing authority's prefixes (see AUTHORITY), folded.
AUTHORITY_PREFIXES = "tm|t/m|kt|k/t|tl|t/l|tuq|q"
# What a fax or a scan leaves at a line's start or end, a stroke or a dot read as a mark: an underscore,
# a tilde, a quote, a backtick ("__ Phú Quý, ngày …", "… Quý III/2026. `", "… đặc khu; _").
SCAN_SPECKS = "_~'`"
# A recipient's bullet: a hyphen, or the en or em dash a word processor turns it into; "+" for the
# bodies under an entry; "•"; "~", a hyphen as OCR reads it off a grey scan ("~ Các chi đoàn trực thuộc;").
RECIPIENT_BULLETS = "[-–—+•~]"
# "Nơi nhận:" (OCR: "Noi nhan", "Noinhgn", "Nơi nhân", and with the colon kept "Néinhdn:", "Ndinhan:");
# the recipients list follows it; "Nơi" read as a speck ("k. nhân:", a copy of a copy), "nhận:" as one
# ("Nơi ,", a 121 dpi photo).
RECIPIENTS = re.compile(
    r"^(?:noi\s*nh\w{1,3}\b|n\w{0,2}i\s*nh\w{1,3}(?=\s*:)|\w{1,3}[.,]?\s+nhan(?=\s*:)|noi\s*[,.;](?=\s*$)|"
    # "Nơi Bn h An    TM. ỦY BAN NHÂN DÂN": "nhận:" garbled beside the signature's first line
    rf"noi(?:\s+\S{{1,3}}){{1,3}}(?=\s+(?:{AUTHORITY_PREFIXES})\s*[.:]\s*\S))\s*:?\s*")
# The filing line that ends a recipients list ("- Lưu: VT, VP."), its dash read as a look-alike or lost.
FILING = re.compile(r"^[-*+•~]?\s*luu\s*[:.,]?\s+\S")
# The signing authority's prefix: TM. (on behalf of a collective body), KT. (deputy signing for the
# head), TL./TUQ. (signing by order or authorisation), Q. (acting); "T/M" and "K/T" as some print them;
# "K1." and "KI." as OCR reads a KT. whose T lost its bar (no group: closing.py reads it as KT).
AUTHORITY = re.compile(
    rf"^({AUTHORITY_PREFIXES})\s*[.:]?\s+(?=\S)|"
    r"^(tm|kt|tl|tuq|q)\.(?=\S)|^(?:k1|kl|ki)\.\s+(?=\S)")
# A deputy's or an authorised signer's prefix later on the authority's line ("TM. ỦY BAN NHÂN DÂN KT. CHỦ
# TỊCH", a portal's flattened block): how the plan is signed.
LATER_AUTHORITY = re.compile(r"\s(kt|k/t|tl|t/l|tuq)\s*[.:]\s")
# A rank or academic title printed before the signer's name ("Thượng tá Đỗ Quang Vinh", "TS. Y Bhiơ
# Niê", "PGS.TS. …", "BSCKII. …"): police, army and universities sign this way. On printed text (not
# folded: "TS." must stay a title, not the syllable "ts"); it is kept apart from the name.
HONORIFIC = re.compile(
    r"^(?:(?:(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)|Đại\s+úy|Đại\s+uý|Nhà giáo ưu tú|Nhà giáo nhân dân|"
    r"Thầy thuốc ưu tú|Thầy thuốc nhân dân|Luật sư|Bác sĩ|Kỹ sư|Thạc sĩ|Tiến sĩ|"
    # "BSCKII." (specialist doctor, 2nd grade), its I's read "T", "1" or "l" on a photo ("BSCKTI.")
    r"(?:GS|PGS|TSKH|TS|ThS|Ths|BSCK\s?[IT1l]{1,2}|BS|DS|KS|LS|NGƯT|NGND|TTƯT|TTND|NSƯT|NSND)\s*\.)\s*)+",
)
# "./." (or "/.") ends the text of a Decree 30 document.
END_OF_TEXT = re.compile(r"\./\.?$|/\.$")
# "Ý KIẾN CHỈ ĐẠO CỦA THƯỜNG TRỰC ĐẢNG ỦY", "PHÊ DUYỆT CỦA …": a superior's approval, with its own
# signature, printed after the plan's signature; the plan's signer is the one above it.
APPROVAL = re.compile(r"^(?:y kien (?:chi dao|phe duyet)|phe duyet cua|duyet cua|xac nhan cua)\b")
# "PHỤ LỤC …", "BIỂU MẪU …": an appendix starts; in capitals, or short when in sentence case.
APPENDIX = re.compile(r"^(phu luc|bieu mau)\b")
APPENDIX_HEADING_MAX_WORDS = 8
# "(Kèm theo Kế hoạch số …)" under a heading in capitals marks that heading as an appendix of its own
# name ("LỊCH KIỂM TRA", "DANH MỤC NHIỆM VỤ", "BẢNG PHÂN CÔNG"), as Decree 30 attaches them.
ATTACHED_TO = re.compile(r"^\(?\s*(?:ban hanh )?kem theo\b")
# Such a heading names what it lists and may be long ("LỊCH KIỂM TRA CÔNG TÁC CẢI CÁCH HÀNH CHÍNH NĂM
# 2025"): with the note under it, up to this many words.
ATTACHED_HEADING_MAX_WORDS = 16
# How far below its heading that note may sit (a second heading line between them).
ATTACHED_NOTE_REACH = 2
# "Mẫu số 01", "Biểu số 02", "Mẫu 03": a form attached to the plan (a registration form, a report's
# template, a statistics sheet), on a line of its own with its title in capitals or its attachment
# note under it. Its own header, Nơi nhận and "THỦ TRƯỞNG ĐƠN VỊ" are the form's, not the plan's.
FORM_HEADING = re.compile(r"^(?:mau|bieu)(?: so)? ?\d{1,2}[a-z]?(?:[/-][a-z0-9]+)?\W*$")
