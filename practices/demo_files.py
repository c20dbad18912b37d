"""The files a few demo practices carry (practices/demo.py adds them), made here in code: no binary in the
repository. A one-page PDF report is written by hand (the PDF format is text with a table of byte offsets; the
standard Helvetica font needs nothing embedded), a PNG bar chart is drawn with Pillow. Both go through
``network.attachments.attachment_prepare`` like any upload. The figures are invented, like the practices.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points


@dataclass(frozen=True)
class DemoReport:
    """A one-page PDF: a title, then paragraphs (Latin-1 text: Helvetica's WinAnsi encoding)."""

    name: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class DemoChart:
    """A PNG bar chart: a title and (label, value) bars, values in 0-100."""

    name: str
    title: str
    bars: tuple[tuple[str, int], ...]


DemoFile = DemoReport | DemoChart


def _pdf_text(text: str) -> bytes:
    """A PDF string literal: backslash and parentheses escaped, in Helvetica's single-byte encoding."""
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("cp1252", "replace") + b")"


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line] if line else lines


def report_pdf(report: DemoReport) -> bytes:
    """A valid one-page PDF 1.4 (catalog, pages, page, content stream, font, cross-reference table)."""
    ops = [b"BT", b"/F2 18 Tf", b"22 TL", b"56 800 Td"]
    ops.extend(_pdf_text(line) + b" '" for line in _wrap(report.title, 48))
    ops += [b"/F1 11 Tf", b"15 TL"]
    for paragraph in report.paragraphs:
        ops.append(b"T*")
        ops.extend(_pdf_text(line) + b" '" for line in _wrap(paragraph, 84))
    ops.append(b"ET")
    stream = b"\n".join(ops)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>" % (PAGE_WIDTH, PAGE_HEIGHT),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def chart_png(chart: DemoChart) -> bytes:
    """Horizontal bars on white, labelled, with the value at each bar's end (Pillow's built-in font)."""
    row, left, top = 34, 210, 56
    width, height = 640, top + row * len(chart.bars) + 24
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    draw.text((16, 16), chart.title, fill=(20, 20, 20), font=font)
    scale = (width - left - 60) / 100
    for n, (label, value) in enumerate(chart.bars):
        y = top + n * row
        draw.text((16, y + 6), label, fill=(40, 40, 40), font=font)
        draw.rectangle((left, y, left + round(value * scale), y + row - 10), fill=(0, 94, 184))
        draw.text((left + round(value * scale) + 6, y + 6), f"{value} %", fill=(40, 40, 40), font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def demo_file_bytes(demo_file: DemoFile) -> bytes:
    return report_pdf(demo_file) if isinstance(demo_file, DemoReport) else chart_png(demo_file)


# The demo practices (by slug) that carry files, and what: published ones, public and members-only.
DEMO_FILES: dict[str, tuple[DemoFile, ...]] = {
    "stratcom-philippines-nap-pcve": (
        DemoReport(
            "workshop-report-stratcom-nap-pcve.pdf",
            "Workshop report: strategic communications for the NAP on P/CVE",
            (
                "Six technical workshops, 2019-2020, Manila, Davao and Cotabato City. 212 participants from "
                "14 national agencies and 31 local government units; 48 % women.",
                "Workshop 3 (pre-testing) changed two of five campaign concepts: focus groups in Mindanao found "
                "the first drafts too close to security-force messaging.",
                "Recommendations: budget for pre-testing from the start; train local government units as "
                "messengers; plan crisis communications before they are needed.",
            ),
        ),
        DemoChart(
            "campaign-recall-by-province.png",
            "Campaign recall after eight weeks (%)",
            (("Lanao del Sur", 41), ("Maguindanao", 38), ("Sulu", 33), ("Control group", 9)),
        ),
    ),
    "border-security-training-of-trainers": (
        DemoReport(
            "training-of-trainers-curriculum.pdf",
            "Border security: training-of-trainers curriculum",
            (
                "Five-day course for border officers who go on to train their colleagues: risk analysis, "
                "document examination, interviewing travellers, human rights at the border.",
                "Each trainee delivers a supervised session on day five and receives the session plans, "
                "slides and exercises to adapt at home.",
            ),
        ),
    ),
    "victims-support-network-nigeria": (
        DemoChart(
            "victims-reached-by-state.png",
            "Survivors reached by the peer network, by state (%)",
            (("Borno", 46), ("Adamawa", 27), ("Yobe", 19), ("Other states", 8)),
        ),
    ),
    "cbrn-preparedness-jordan": (
        DemoReport(
            "tabletop-exercise-summary.pdf",
            "CBRN tabletop exercise: summary of findings",
            (
                "A one-day tabletop exercise tested the first hour after a simulated chemical release at a "
                "crowded market: alerting, cordons, decontamination and public information.",
                "Findings: a shared incident log from the first minute; hospitals warned before the first "
                "casualties arrive; one public spokesperson.",
            ),
        ),
    ),
    "igad-co-conception-communication-pcve": (
        DemoReport(
            "rapport-atelier-co-conception.pdf",
            "Rapport d'atelier : co-conception de la communication P/CVE",
            (
                "Atelier de co-conception à Addis-Abeba avec les États membres de l'IGAD et le Centre "
                "d'excellence : cartographie des publics et des canaux, par pays.",
                "Recommandations : former des facilitateurs nationaux ; associer la société civile et les "
                "organisations de femmes à chaque étape.",
            ),
        ),
    ),
}
