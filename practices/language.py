"""Which language a practice is written in, guessed from its text (lingua-language-detector).

The detector is built once per process, on first use, and knows only the languages members may choose
(``experts.models.SPOKEN_LANGUAGES``) that lingua has models for; Amharic, Hausa and Uzbek are not among them, so
a text in one of those is never guessed (the member chooses it). Low-accuracy mode is on: it loads only the
trigram models, measured at about 30 MB of resident memory for these 17 languages (0.1 s to build and load)
against about 200 MB (1.2 s) with every n-gram model, per web process. On the seven languages the network works
in most it gave the same answers on a title-long sample (tests/practices/test_submit_language.py); it is weaker
on a few words, which is why the title, summary and description are read together and a short text is not
guessed at all. Indonesian and Malay are close enough to be confused: the member corrects it.
"""

from __future__ import annotations

from functools import lru_cache

from lingua import IsoCode639_1, Language, LanguageDetector, LanguageDetectorBuilder

from experts.models import SPOKEN_LANGUAGES

# Below this many letters a guess is a coin toss; the member chooses.
MIN_LETTERS = 12
# The best language must be at least this likely (lingua's confidence, 0 to 1) to be proposed.
MIN_CONFIDENCE = 0.5


def _lingua_language(code: str) -> Language | None:
    iso = getattr(IsoCode639_1, code.upper(), None)
    if iso is None:
        return None
    try:
        return Language.from_iso_code_639_1(iso)
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _detector() -> tuple[LanguageDetector, dict[Language, str]]:
    known = {lang: code for code, _ in SPOKEN_LANGUAGES if (lang := _lingua_language(code)) is not None}
    detector = LanguageDetectorBuilder.from_languages(*known).with_low_accuracy_mode().build()
    return detector, known


def language_detect(text: str) -> str:
    """The code (as in SPOKEN_LANGUAGES) of the language ``text`` is written in, or "" when unsure."""
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return ""
    detector, codes = _detector()
    confidences = detector.compute_language_confidence_values(text)
    if not confidences or confidences[0].value < MIN_CONFIDENCE:
        return ""
    return codes.get(confidences[0].language, "")
