"""The year's report as files for the secretariat: a Word document (.docx), a PDF and a
standalone HTML page, each with the headings, the paragraphs (as edited), the quotes, the
charts as images and the tables with the real numbers. The same page, CLI command and job
write them (`render`)."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path

from flask import current_app, render_template
from flask_babel import gettext as _

from mentorship.networks.labels import status_labels
from mentorship.reports import charts as chart_module
from mentorship.reports.services import YearReport
from mentorship.reports.words import language

FORMATS = ("docx", "pdf", "html")
MIMETYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


@dataclass
class Block:
    """What follows a section's paragraphs: a chart and the table of its numbers, or a
    table alone."""

    title: str
    header: list[str]
    rows: list[list[str]]
    chart: bytes | None = None
    chart_alt: str = ""


def blocks(report: YearReport) -> dict[str, list[Block]]:
    figures = report.figures
    by_name = {c.name: c for c in chart_module.charts()}
    year = report.year
    out: dict[str, list[Block]] = {"mentor": [], "trainee": [], "network": []}
    if figures.mentor.rounds:
        chart = by_name["deltagare"]
        out["mentor"].append(Block(
            _("Deltagande chefer per kommun, %(year)s", year=year),
            [_("Kommun"), _("Chefer")],
            [[name, str(n)] for name, n in figures.mentor.per_municipality],
            chart.draw(figures), chart.alt))
    if figures.trainee.history:
        chart = by_name["utfall"]
        out["trainee"].append(Block(
            _("Tillsvidareanställning efter traineeåret, per traineegrupp"),
            [_("Traineegrupp"), _("Startår"), _("Traineer"), _("Tillsvidareanställda"),
             _("Andel i procent")],
            [[line.label, str(line.year or ""), str(line.trainees), str(line.permanent),
              "" if line.percent is None else str(line.percent)]
             for line in figures.trainee.history],
            chart.draw(figures), chart.alt))
    chart = by_name["studiebesok"]
    out["trainee"].append(Block(
        _("Kommuner som tog emot studiebesök %(year)s", year=year),
        [_("Kommun"), _("Studiebesök")],
        [[name, _("Ja") if visited else _("Nej")] for name, visited
         in figures.trainee.coverage],
        chart.draw(figures), chart.alt))
    if figures.network.by_field:
        labels = status_labels()
        out["network"].append(Block(
            _("Nätverk per samverkansområde och status vid utgången av %(year)s", year=year),
            [_("Samverkansområde"), *labels.values()],
            [[name, *(str(counts[s]) for s in labels)]
             for name, _id, counts in figures.network.by_field]))
    if figures.network.purposes:
        out["network"].append(Block(
            _("Nätverkens syfte %(year)s", year=year), [_("Nätverk"), _("Syfte")],
            [[name, purpose] for _id, name, purpose in figures.network.purposes]))
    return out


def title(report: YearReport) -> str:
    return _("Året i siffror %(year)s", year=report.year)


def subtitle(report: YearReport) -> str:
    name = current_app.config["COOPERATION_NAME"]
    text = _("%(name)s, HR-nätverkets program: mentorsprogrammet, traineeprogrammet och "
             "nätverksregistret.", name=name)
    if report.figures.scope.municipality:
        text += " " + _("Versionen för %(municipality)s.",
                        municipality=report.figures.scope.municipality)
    return text


def filename(report: YearReport, fmt: str) -> str:
    return f"aret-i-siffror-{report.year}.{fmt}"


# --- Word ------------------------------------------------------------------------------------


def docx_bytes(report: YearReport) -> bytes:
    # deferred: python-docx takes 0.1 s to import; only the Word export needs it
    from docx import Document
    from docx.shared import Cm

    document = Document()
    document.core_properties.title = title(report)
    document.core_properties.author = current_app.config["COOPERATION_NAME"]
    document.add_heading(title(report), level=0)
    document.add_paragraph(subtitle(report))
    extra = blocks(report)
    for section in report.sections:
        document.add_heading(section.title, level=1)
        for p in section.paragraphs:
            document.add_paragraph(p.text)
            if p.quote:
                document.add_paragraph(f"”{p.quote}”", style="Quote")
        for block in extra[section.key]:
            document.add_heading(block.title, level=2)
            if block.chart:
                document.add_picture(io.BytesIO(block.chart), width=Cm(15))
            table = document.add_table(rows=1, cols=len(block.header), style="Table Grid")
            for cell, text in zip(table.rows[0].cells, block.header, strict=True):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            for row in block.rows:
                cells = table.add_row().cells
                for cell, text in zip(cells, row, strict=True):
                    cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF -------------------------------------------------------------------------------------


def _font_dir() -> Path:
    # DejaVu ships with matplotlib: å, ä and ö without a system font.
    # deferred: matplotlib takes 0.25 s to import; only the PDF export needs its fonts
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf"


def pdf_bytes(report: YearReport) -> bytes:
    # deferred: fpdf2 takes 0.5 s to import; only the PDF export needs it
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_title(title(report))
    pdf.set_author(current_app.config["COOPERATION_NAME"])
    pdf.set_lang(language())
    fonts = _font_dir()
    pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))
    pdf.add_font("DejaVu", "I", str(fonts / "DejaVuSans-Oblique.ttf"))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 20)
    pdf.multi_cell(0, 10, title(report), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 10)
    pdf.multi_cell(0, 5, subtitle(report), new_x="LMARGIN", new_y="NEXT")
    extra = blocks(report)
    for section in report.sections:
        pdf.ln(4)
        pdf.set_font("DejaVu", "B", 15)
        pdf.multi_cell(0, 8, section.title, new_x="LMARGIN", new_y="NEXT")
        for p in section.paragraphs:
            pdf.set_font("DejaVu", "", 10.5)
            pdf.multi_cell(0, 5.5, p.text, new_x="LMARGIN", new_y="NEXT")
            if p.quote:
                pdf.set_font("DejaVu", "I", 10.5)
                pdf.set_x(pdf.l_margin + 8)
                pdf.multi_cell(0, 5.5, f"”{p.quote}”", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        for block in extra[section.key]:
            pdf.set_font("DejaVu", "B", 11.5)
            pdf.multi_cell(0, 6, block.title, new_x="LMARGIN", new_y="NEXT")
            if block.chart:
                pdf.image(io.BytesIO(block.chart), w=150, alt_text=block.chart_alt)
            pdf.set_font("DejaVu", "", 9.5)
            with pdf.table(headings_style=FontFace(emphasis="BOLD")) as table:
                table.row(block.header)
                for row in block.rows:
                    table.row(row)
            pdf.ln(3)
    return bytes(pdf.output())


# --- HTML ------------------------------------------------------------------------------------


def html_bytes(report: YearReport) -> bytes:
    extra = blocks(report)
    images = {key: [base64.b64encode(b.chart).decode() if b.chart else None for b in items]
              for key, items in extra.items()}
    return render_template("reports/export.html", report=report, title=title(report),
                           subtitle=subtitle(report), blocks=extra, images=images).encode()


def render(report: YearReport, fmt: str) -> bytes:
    return {"docx": docx_bytes, "pdf": pdf_bytes, "html": html_bytes}[fmt](report)
