"""The practice form proposes the language its text is written in."""

from __future__ import annotations

import pytest

from practices.language import language_detect

SAMPLES = {
    "en": "Community policing and dialogue with young people reduced recruitment in coastal towns.",
    "fr": "Des médiateurs communautaires accompagnent les jeunes des quartiers vulnérables vers l'emploi.",
    "ar": "دعم الشباب المعرضين للخطر من خلال برامج التوجيه والحوار المجتمعي في المدارس.",
    "zh": "通过社区对话和青年辅导项目预防暴力极端主义并减少招募。",
    "ru": "Программа наставничества для молодёжи снизила вербовку в экстремистские группы.",
    "es": "Los mediadores comunitarios acompañan a los jóvenes en situación de riesgo hacia el empleo.",
    "pt": "Os mediadores comunitários acompanham os jovens em situação de risco até ao emprego.",
}


@pytest.mark.parametrize(("code", "text"), SAMPLES.items())
def test_each_working_language_is_recognised(code, text):
    assert language_detect(text) == code


@pytest.mark.parametrize("text", ["", "CVE", "12345 67890 !!!", "UNOCT"])
def test_too_little_text_is_not_guessed(text):
    assert language_detect(text) == ""
