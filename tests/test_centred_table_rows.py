"""A ruled table whose cells Word centres vertically, as pdftotext -layout prints it: each row's number
stands on its middle line, its cells' lines above and below it."""

from __future__ import annotations

from khparse.fields.layout_table import layout_table
from khparse.lines import document_lines

TABLE = """\
TT             Nhiệm vụ              Đơn vị chủ trì       Thời gian
                                                          hoàn thành
     Tổ chức "Ngày chuyển đổi số
1    của phường" hằng tháng tại      Phòng Văn hóa -      Ngày 10
     nhà văn hóa các khu phố         Xã hội               hằng tháng
     Số hóa hồ sơ lưu trữ của các    Văn phòng            Tháng
2    phường cũ trước sắp xếp theo    HĐND và UBND         9/2026
     danh mục                        phường
     Kích hoạt tài khoản định danh                        Tháng
3    điện tử cho người dân           Công an phường       6/2026
     cao tuổi"""


def test_rows_centred_on_their_number_are_read_whole() -> None:
    read = layout_table(document_lines([(1, TABLE)]))
    assert read is not None
    columns, rows = read
    assert columns == ["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời gian hoàn thành"]
    assert rows == [
        ["1", 'Tổ chức "Ngày chuyển đổi số của phường" hằng tháng tại nhà văn hóa các khu phố',
         "Phòng Văn hóa - Xã hội", "Ngày 10 hằng tháng"],
        ["2", "Số hóa hồ sơ lưu trữ của các phường cũ trước sắp xếp theo danh mục", "Văn phòng HĐND và UBND phường",
         "Tháng 9/2026"],
        ["3", "Kích hoạt tài khoản định danh điện tử cho người dân cao tuổi", "Công an phường", "Tháng 6/2026"],
    ]


MERGED = """\
TT             Nhiệm vụ              Đơn vị chủ trì   Đơn vị phối hợp    Thời gian
     Tổ chức "Ngày chuyển đổi số     Phòng Văn hóa -                     Ngày 10
1    của phường" hằng tháng tại      Xã hội           Các tổ dân phố     hằng tháng
     nhà văn hóa
     Kích hoạt tài khoản định danh                                       Tháng
2                                    Công an phường Các tổ dân phố
     điện tử cho người dân                                               6/2026"""


def test_two_centred_cells_one_space_apart_are_cut_at_the_second_cell() -> None:
    read = layout_table(document_lines([(1, MERGED)]))
    assert read is not None
    _, rows = read
    assert [(row[2], row[3]) for row in rows] == [("Phòng Văn hóa - Xã hội", "Các tổ dân phố"),
                                                   ("Công an phường", "Các tổ dân phố")]
