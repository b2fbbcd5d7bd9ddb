import ast
import os
import re
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path

import polib
import pytest
from django.conf import settings

from thidua.campaigns.models import Campaign
from thidua.initiatives.models import ReformModel
from thidua.inspections import services as inspection_services
from thidua.surveys import services as survey_services
from thidua.surveys.models import Question, Questionnaire
from thidua.surveys.questionnaires import seed_questionnaires

ROOT = Path(settings.BASE_DIR)
NOT_OURS = {".git", ".venv", "node_modules", "var", "__pycache__"}


def files_under(top: Path, suffixes: tuple[str, ...]) -> list[Path]:
    found = []
    for directory, subdirectories, names in os.walk(top):
        subdirectories[:] = [name for name in subdirectories if name not in NOT_OURS]
        found += [Path(directory, name) for name in names if name.endswith(suffixes)]
    return sorted(found)


def shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def catalogue_language(path: Path) -> str:
    # …/locale/<language>/LC_MESSAGES/<domain>.po
    return path.parent.parent.name


def live_entries(catalogue: polib.POFile) -> list[polib.POEntry]:
    return [entry for entry in catalogue if not entry.obsolete]


def translation_of(entry: polib.POEntry) -> tuple[str, ...]:
    if entry.msgid_plural:
        return tuple(entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural))
    return (entry.msgstr,)


def is_translated(entry: polib.POEntry) -> bool:
    return all(translation_of(entry))


def conflicting_translations(paths: list[Path]) -> dict[tuple, dict[tuple[str, ...], list[str]]]:
    """(language, context, msgid, plural) → {translation: [catalogues]} for every msgid translated two ways."""
    seen: dict[tuple, dict[tuple[str, ...], list[str]]] = defaultdict(lambda: defaultdict(list))
    for path in paths:
        for entry in live_entries(polib.pofile(str(path))):
            if entry.msgid and is_translated(entry):
                key = (catalogue_language(path), entry.msgctxt, entry.msgid, entry.msgid_plural)
                seen[key][translation_of(entry)].append(shown(path))
    return {key: dict(translations) for key, translations in seen.items() if len(translations) > 1}


CATALOGUES = files_under(ROOT, (".po",))
VIETNAMESE_CATALOGUES = [path for path in CATALOGUES if catalogue_language(path) == "vi"]
TEMPLATES = [
    path
    for top in [ROOT / "templates", *sorted((ROOT / "thidua").glob("*/templates"))]
    for path in files_under(top, (".html", ".txt", ".xml", ".svg"))
]


# --- the interface language --------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_interface_is_vietnamese_by_default(world, client_as):
    body = client_as("officer_a").get("/").content.decode()
    assert '<html lang="vi">' in body
    assert "Đăng xuất" in body


@pytest.mark.django_db
def test_english_can_be_chosen(world, client_as):
    client = client_as("officer_a")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Sign out" in body


@pytest.mark.django_db
def test_dates_are_shown_day_month_year(world, client_as):
    body = client_as("officer_a").get(f"/campaigns/{world.campaign.pk}/").content.decode()
    assert "28/04/2021" in body
    assert "01/01/2021 – 31/12/2022" in body


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese_until_english_is_chosen(world, client_as):
    client = client_as("officer_a")
    body = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="vi">' in body


# --- one catalogue, one translation per msgid ----------------------------------------------------------


def test_the_product_has_one_vietnamese_catalogue_and_django_reads_it():
    assert [path.relative_to(ROOT) for path in VIETNAMESE_CATALOGUES] == [
        Path("locale/vi/LC_MESSAGES/django.po")
    ]
    assert [Path(path) for path in settings.LOCALE_PATHS] == [ROOT / "locale"]


def test_no_msgid_has_two_translations_in_any_catalogue_of_the_repository():
    conflicts = conflicting_translations(CATALOGUES)
    assert conflicts == {}, "\n".join(
        f"{language} {context or ''} {msgid!r}: {translations}"
        for (language, context, msgid, _plural), translations in conflicts.items()
    )


def test_the_conflict_check_finds_a_msgid_translated_two_ways_in_two_catalogues(tmp_path):
    def catalogue(folder: str, person: str) -> Path:
        path = tmp_path / folder / "locale" / "vi" / "LC_MESSAGES" / "django.po"
        path.parent.mkdir(parents=True)
        po = polib.POFile()
        po.append(polib.POEntry(msgid="Person", msgstr=person))
        po.append(polib.POEntry(msgid="Unit", msgstr="Đơn vị"))
        po.append(polib.POEntry(msgctxt="discipline", msgid="Person", msgstr="Người vi phạm"))
        po.save(str(path))
        return path

    project, app = catalogue("project", "Người dùng"), catalogue("app", "Người vi phạm")
    conflicts = conflicting_translations([project, app])
    assert list(conflicts) == [("vi", None, "Person", "")]
    assert set(conflicts[("vi", None, "Person", "")]) == {("Người dùng",), ("Người vi phạm",)}


@pytest.mark.parametrize("path", VIETNAMESE_CATALOGUES, ids=str)
def test_every_vietnamese_entry_is_translated_and_none_is_fuzzy(path):
    catalogue = polib.pofile(str(path))
    untranslated = [
        entry.msgid for entry in live_entries(catalogue) if entry.msgid and not is_translated(entry)
    ]
    fuzzy = [entry.msgid for entry in live_entries(catalogue) if "fuzzy" in entry.flags]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("path", VIETNAMESE_CATALOGUES, ids=str)
def test_the_compiled_vietnamese_catalogue_matches_its_source(path):
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    translations = {(entry.msgctxt, entry.msgid): translation_of(entry) for entry in compiled if entry.msgid}
    expected = {
        (entry.msgctxt, entry.msgid): translation_of(entry) for entry in live_entries(polib.pofile(str(path)))
    }
    expected.pop((None, ""), None)
    assert translations == expected, "run compilemessages and commit the .mo file"


# --- one spelling per word --------------------------------------------------------------------------
#
# The interface writes the tone mark the old way: on the first vowel of "oa", "oe" and "uy" when the syllable
# ends there (hòa, hóa, khỏe, thủy, ủy ban), and on the second vowel when a consonant or vowel follows (hoàn,
# toán, khoảng, xoáy, khuyến). "qu" is a consonant, so quý, quỹ and quà are right in both styles. Quotations of
# documents (the plan's title, legal bases) are data and keep the spelling of the source.

LETTER = r"[^\W\d_]"
NEW_STYLE_OPEN_SYLLABLE = re.compile(rf"(?<!q)(?:o[áàảãạ]|o[éèẻẽẹ]|u[ýỳỷỹỵ])(?!{LETTER})")
MISPLACED_IN_CLOSED_SYLLABLE = re.compile(rf"(?:[òóỏõọ][ae]|[ùúủũụ]y)(?={LETTER})")
WORD = re.compile(rf"{LETTER}+")

# Strings the product accepts from people, not shows to them: a unit name typed the new way is still a committee.
ACCEPTED_INPUT_VARIANTS = {"uỷ ban nhân dân"}
# Modules that quote documents or build demo data verbatim.
QUOTING_MODULES = {"demo.py", "seed_demo.py"}


def misspelt_words(text: str) -> list[str]:
    words = WORD.findall(unicodedata.normalize("NFC", text).lower())
    return [
        word
        for word in words
        if NEW_STYLE_OPEN_SYLLABLE.search(word) or MISPLACED_IN_CLOSED_SYLLABLE.search(word)
    ]


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("văn hóa công sở", []),
        ("văn hoá công sở", ["hoá"]),
        ("VĂN HOÁ CÔNG SỞ", ["hoá"]),
        ("CỘNG HÒA", []),
        ("cộng hoà", ["hoà"]),
        ("sức khỏe", []),
        ("sức khoẻ", ["khoẻ"]),
        ("thủy lợi, ủy ban, tùy chọn, hủy", []),
        ("thuỷ lợi", ["thuỷ"]),
        ("UỶ BAN NHÂN DÂN", ["uỷ"]),
        ("tuỳ chọn", ["tuỳ"]),
        ("huỷ", ["huỷ"]),
        ("minh họa, hòa giải", []),
        ("quý, quỹ thi đua, quỳ, quà, quả", []),
        ("hoàn thành, toán, khoảng, xoáy, ngoại, hoạt động, khuyến khích, tuyên truyền, thuyết", []),
        ("hòan thành", ["hòan"]),
        ("khỏang", ["khỏang"]),
        ("hóa.", []),
        ("hoá.", ["hoá"]),
    ],
)
def test_the_spelling_rule_refuses_new_style_and_misplaced_tone_marks(text, refused):
    assert misspelt_words(text) == refused


def test_the_spelling_rule_reads_decomposed_text_as_composed():
    assert misspelt_words(unicodedata.normalize("NFD", "văn hoá")) == ["hoá"]


@pytest.mark.parametrize("path", VIETNAMESE_CATALOGUES, ids=str)
def test_every_vietnamese_translation_spells_tone_marks_the_old_way(path):
    found = [
        (entry.msgid, word)
        for entry in live_entries(polib.pofile(str(path)))
        for text in translation_of(entry)
        for word in misspelt_words(text)
    ]
    assert found == []


@pytest.mark.parametrize("path", VIETNAMESE_CATALOGUES, ids=str)
def test_every_vietnamese_translation_is_in_composed_unicode(path):
    decomposed = [
        entry.msgid
        for entry in live_entries(polib.pofile(str(path)))
        if any(unicodedata.normalize("NFC", text) != text for text in translation_of(entry))
    ]
    assert decomposed == []


def test_the_templates_spell_their_vietnamese_text_the_old_way_in_composed_unicode():
    assert TEMPLATES, "no template found"
    found = []
    for path in TEMPLATES:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            where = f"{path.relative_to(ROOT)}:{number}"
            found += [(where, word) for word in misspelt_words(line)]
            if unicodedata.normalize("NFC", line) != line:
                found.append((where, "decomposed Unicode"))
    assert found == []


def test_the_python_code_spells_the_vietnamese_it_shows_the_old_way():
    found = []
    for path in files_under(ROOT / "thidua", (".py",)):
        if "tests" in path.parts or "migrations" in path.parts or path.name in QUOTING_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if node.value in ACCEPTED_INPUT_VARIANTS:
                    continue
                found += [
                    (f"{path.relative_to(ROOT)}:{node.lineno}", word) for word in misspelt_words(node.value)
                ]
    assert found == []


# --- one term per concept, as the pages show it ------------------------------------------------------


@pytest.mark.django_db
def test_the_discipline_list_names_the_person_in_breach(world, client_as):
    inspection_services.discipline_record_create(
        actor=world.user("district_officer"),
        unit=world.unit_a,
        occurred_on=date(2021, 6, 1),
        rule="Đi muộn",
        person_name="Nguyễn Văn A",
    )
    body = client_as("district_officer").get("/inspections/discipline/").content.decode()
    assert '<th scope="col">Người vi phạm</th>' in body
    assert '<th scope="col">Người dùng</th>' not in body


@pytest.mark.django_db
def test_a_units_people_are_still_its_users(world, client_as):
    body = client_as("district_officer").get(f"/units/{world.unit_a.code}/").content.decode()
    assert '<th scope="col">Người dùng</th>' in body
    assert "Người vi phạm" not in body


@pytest.mark.django_db
def test_a_reform_model_has_a_name_and_a_plan_has_a_trich_yeu(world, client_as):
    body = client_as("officer_a").get("/reform-models/new/").content.decode()
    assert re.search(r'<label for="id_title">Tên mô hình\b', body)
    assert "Trích yếu" not in body
    assert ReformModel._meta.get_field("title").verbose_name == "tên mô hình"
    assert Campaign._meta.get_field("title").verbose_name == "trích yếu"


@pytest.mark.django_db
def test_a_citizens_comment_on_a_paper_form_is_an_opinion(world, client_as):
    seed_questionnaires(Questionnaire, Question)
    desk = Questionnaire.objects.get(code="desk", is_current=True)
    survey_services.collection_point_create(actor=None, unit=world.unit_a, name="Quầy 1", questionnaire=desk)
    body = client_as("officer_a").get(f"/satisfaction/units/{world.unit_a.code}/paper/").content.decode()
    assert '<label for="id_comment">Ý kiến</label>' in body
    assert "Nhận xét" not in body
