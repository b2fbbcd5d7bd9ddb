"""Vietnamese alphabetical order: one table, checked against the Python key and the database collation.

The expected order is worked out by hand from the rule of ``text.vietnamese_sort_key``: letters first
(a ă â b c d đ e ê … o ô ơ … u ư …), tones only between the same letters (none, huyền, hỏi, ngã, sắc, nặng, as
the dictionaries and ICU's "vi" order them), lower case before upper.
"""

import random

import pytest

from conftest import make_unit
from thidua.core.collation import vietnamese
from thidua.core.text import vietnamese_compare, vietnamese_sort_key
from thidua.organizations.models import Unit, UnitKind

# Each row: names in the order they must come out.
ORDERS = [
    pytest.param(["a", "à", "ả", "ã", "á", "ạ"], id="tones-after-letter-in-dictionary-order"),
    pytest.param(["a", "ă", "â", "b"], id="a-breve-circumflex-after-a"),
    pytest.param(["d", "dz", "đ", "e"], id="d-stroke-after-every-d"),
    pytest.param(["e", "ê", "g"], id="e-circumflex-after-e"),
    pytest.param(["o", "ô", "ơ", "p"], id="o-circumflex-then-o-horn-after-o"),
    pytest.param(["u", "uy", "ư", "v"], id="u-horn-after-every-u"),
    pytest.param(["ma", "mà", "mác", "mai", "mạnh"], id="tone-weighs-only-between-same-letters"),
    pytest.param(["Dân", "Dũng", "Đại Ngãi", "Đức"], id="capital-d-stroke-after-d"),
    pytest.param(["Long Đức", "Long Phú", "Long Phụng", "Longa"], id="words-before-longer-words"),
    pytest.param(["Uy", "Ứng", "Ưu"], id="capital-u-horn"),
    pytest.param(["an", "An", "Ân"], id="lower-case-before-upper"),
    pytest.param(
        [
            "Châu Khánh",
            "Đại Ngãi",
            "Hậu Thạnh",
            "Long Đức",
            "Long Phú",
            "Phú Hữu",
            "Tân Hưng",
            "Trường Khánh",
        ],
        id="demo-communes",
    ),
    pytest.param(["Phòng 10", "Phòng 2", "Phòng A"], id="digits-before-letters-one-by-one"),
]


@pytest.mark.parametrize("expected", ORDERS)
def test_the_python_key_sorts_vietnamese_names_in_dictionary_order(expected):
    shuffled = list(expected)
    random.Random(12).shuffle(shuffled)
    assert sorted(shuffled, key=vietnamese_sort_key) == expected


def test_decomposed_and_composed_spellings_sort_as_one():
    assert vietnamese_compare("Đại Ngãi", "Đa\u0323i Nga\u0303i") == 0
    assert vietnamese_compare("Long Phú", "Long Đức") == 1
    assert vietnamese_compare("Long Đức", "Long Phú") == -1


@pytest.mark.django_db
@pytest.mark.parametrize("expected", ORDERS)
def test_the_database_collation_sorts_as_the_python_key(world, expected):
    shuffled = list(expected)
    random.Random(7).shuffle(shuffled)
    for number, name in enumerate(shuffled):
        make_unit(
            f"order-{number}", name, UnitKind.SPECIALIZED_AGENCY, official_name=f"order {number} {name}"
        )
    units = Unit.objects.filter(code__startswith="order-")
    assert [unit.name for unit in units.order_by(vietnamese("name"), "code")] == expected
    # The default ordering of units is the same (after their kind).
    assert [unit.name for unit in units] == expected
