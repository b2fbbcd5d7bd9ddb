from io import StringIO

from conftest import make_unit
from thidua.organizations.models import UnitKind
from thidua.surveys import aggregates, demo
from thidua.surveys.models import CollectionPoint, Response


def test_demo_ratings_are_labelled_idempotent_and_agree_with_their_aggregates(world):
    make_unit(
        "lp-tt-long-phu",
        "Long Phú",
        UnitKind.COMMUNE_COMMITTEE,
        world.district,
        official_name="UBND thị trấn Long Phú (demo)",
    )
    make_unit(
        "lp-xa-long-phu",
        "Long Phú",
        UnitKind.COMMUNE_COMMITTEE,
        world.district,
        official_name="UBND xã Long Phú (demo)",
    )
    demo.seed(stdout=StringIO())
    expected = demo.DEMO_UNITS["lp-tt-long-phu"][1] + demo.DEMO_UNITS["lp-xa-long-phu"][1]
    assert Response.objects.count() == expected
    assert not Response.objects.filter(is_demo=False).exists()
    assert all("dữ liệu mẫu" in point.name and point.is_demo for point in CollectionPoint.objects.all())
    assert all(comparison.agrees for comparison in aggregates.verify())
    demo.seed(stdout=StringIO())
    assert Response.objects.count() == expected
