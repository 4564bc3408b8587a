"""The worker's console shows what matters: a rendered PDF adds no INFO lines of its own."""

import logging

from weasyprint import HTML

QUIET = ("fontTools", "weasyprint")


def test_rendering_a_pdf_logs_neither_font_subsetting_nor_weasyprint_steps(caplog):
    # Latin and Chinese text: each font embedded is subset by fontTools, as in a zh-hans letter.
    HTML(string="<h1>Letter of appointment</h1><p>外地安全管理制度 ¶17</p>").write_pdf()

    noise = [
        record
        for record in caplog.records
        if record.name.split(".")[0] in QUIET and record.levelno < logging.WARNING
    ]
    assert noise == []
    # Their warnings still reach the console.
    for name in QUIET:
        assert logging.getLogger(name).isEnabledFor(logging.WARNING)
