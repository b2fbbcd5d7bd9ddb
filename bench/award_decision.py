"""The Chairman's award decision with a 100-unit annexed list: to DOCX through the one Decree 30 builder
(``awards.documents.decision_docx``) beside python-docx writing the same table bare, and to PDF through LibreOffice
(``core.pdf.docx_to_pdf``) beside converting the bare DOCX. Goal: < 2 s for the DOCX.

    .venv/bin/python bench/award_decision.py [--db sqlite|postgres|both] [--units 100] [--repeat 5]
        [--pdf-repeat 3] [--keep DIR]

Each database is fresh; the data is generated inside the benchmark (bench/awards_common.py): the round is opened
with ``round_open``, and the decision with its list of 100 awarded units is stored directly (the council's vote
is not what is measured). ``--keep DIR`` writes the four files for a look.
"""

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from awards_common import YEAR, generate, run_inner, setup_django  # noqa: E402

GOAL_SECONDS = 2.0


def bare_docx(rows: list[tuple]) -> bytes:
    """The same annexed table written by python-docx with nothing around it: no header block, no formatting."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=1 + len(rows), cols=4)
    # Row by row (``table.cell(r, c)`` rebuilds the grid on every call: 20× slower for 100 rows).
    header = ("STT", "Tên tập thể", "Số sổ vàng", "Số tiền (đồng)")
    for table_row, values in zip(table.rows, [header, *rows], strict=True):
        for cell, value in zip(table_row.cells, values, strict=True):
            cell.text = str(value)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def make_decision(world: dict, units: int):
    from datetime import date

    from thidua.awards import services
    from thidua.awards.models import AwardDecision, AwardedUnit

    award, district = world["award"], world["district"]
    day = date(YEAR + 1, 2, 15)
    evaluation_round = services.round_open(
        actor=world["officer"],
        campaign=world["campaign"],
        year=YEAR,
        award_type=award,
        planned_decision_date=day,
    )
    power = next(p for p in services.awarding_power_on(award, day) if p.authority_kind == district.kind)
    rate = services.cash_rate_on(award, day)
    decision = AwardDecision.objects.create(
        round=evaluation_round,
        number="15/QĐ-UBND",
        issued_on=day,
        signer=world["chairman"],
        signer_title=power.signer_title,
        legal_bases=services.legal_bases_on(award, day),
        proposal_number="12/TTr-PNV",
        proposal_date=date(YEAR + 1, 2, 1),
        proposer=power.proposer_title,
        coefficient=rate.coefficient,
        base_salary=rate.base_salary,
        cash_amount=rate.amount,
    )
    entries = list(evaluation_round.entries.select_related("unit").order_by("unit__code")[:units])
    AwardedUnit.objects.bulk_create(
        [
            AwardedUnit(
                decision=decision,
                entry=entry,
                unit=entry.unit,
                unit_name=entry.unit.official_name,
                position=position,
                authority=district,
                register_year=day.year,
                register_number=position,
                achievement=f"Đạt chỉ tiêu Kế hoạch năm {YEAR} (bench)",
            )
            for position, entry in enumerate(entries, start=1)
        ]
    )
    return decision


CPU = {}


def timed(function, repeat: int) -> tuple[float, float, object]:
    """Median and best wall time, and the result. The median CPU time (this process and its children, i.e.
    LibreOffice) is kept in CPU under the function's name: on a shared machine the wall clock measures the
    neighbours too."""
    import resource

    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    walls, cpus, result = [], [], None
    for _ in range(repeat):
        started, cpu_started = time.perf_counter(), cpu()
        result = function()
        walls.append(time.perf_counter() - started)
        cpus.append(cpu() - cpu_started)
    CPU[len(CPU)] = statistics.median(cpus)
    return statistics.median(walls), min(walls), result


def inner(arguments) -> int:
    setup_django()
    from django.db import connection

    from thidua.awards.documents import decision_docx
    from thidua.awards.money import amount_in_figures
    from thidua.core.pdf import docx_to_pdf, pdf_available

    world = generate(arguments.units)
    decision = make_decision(world, arguments.units)
    rows = [
        (award.position, award.unit_name, award.register_number, amount_in_figures(decision.cash_amount))
        for award in decision.awarded.order_by("position")
    ]
    assert len(rows) == arguments.units
    decision_docx(decision), bare_docx(rows)  # warm-up (imports, templates)
    built, built_best, built_bytes = timed(lambda: decision_docx(decision), arguments.repeat)
    bare, bare_best, bare_bytes = timed(lambda: bare_docx(rows), arguments.repeat)
    verdict = "met" if built < GOAL_SECONDS else "NOT met"
    print(
        f"{connection.vendor}: decision with {arguments.units} awarded units, medians of {arguments.repeat}:\n"
        f"  DOCX, bare python-docx table   {bare * 1000:8.1f} ms wall (best {bare_best * 1000:.1f}), "
        f"{CPU[1] * 1000:.1f} ms CPU, {len(bare_bytes) / 1024:.0f} KiB\n"
        f"  DOCX, decision_docx            {built * 1000:8.1f} ms wall (best {built_best * 1000:.1f}), "
        f"{CPU[0] * 1000:.1f} ms CPU, {len(built_bytes) / 1024:.0f} KiB\n"
        f"  decision / bare                {built / bare:8.2f}× wall, {CPU[0] / CPU[1]:.2f}× CPU; "
        f"goal < {GOAL_SECONDS:.0f} s: {verdict}"
    )
    if arguments.keep:
        keep = Path(arguments.keep)
        keep.mkdir(parents=True, exist_ok=True)
        (keep / "decision.docx").write_bytes(built_bytes)
        (keep / "bare.docx").write_bytes(bare_bytes)
    if not pdf_available():
        print("  PDF: LibreOffice is not installed; not measured")
        return 0
    docx_to_pdf(bare_bytes)  # warm-up (LibreOffice's first start reads its installation)
    bare_pdf, bare_pdf_best, bare_pdf_bytes = timed(lambda: docx_to_pdf(bare_bytes), arguments.pdf_repeat)
    built_pdf, built_pdf_best, built_pdf_bytes = timed(lambda: docx_to_pdf(built_bytes), arguments.pdf_repeat)
    print(
        f"  PDF, bare DOCX converted       {bare_pdf * 1000:8.1f} ms wall (best {bare_pdf_best * 1000:.1f}), "
        f"{CPU[2] * 1000:.1f} ms CPU\n"
        f"  PDF, decision converted        {built_pdf * 1000:8.1f} ms wall (best {built_pdf_best * 1000:.1f}), "
        f"{CPU[3] * 1000:.1f} ms CPU\n"
        f"  decision / bare                {built_pdf / bare_pdf:8.2f}× wall, {CPU[3] / CPU[2]:.2f}× CPU "
        f"(decision DOCX + PDF: {(built + built_pdf) * 1000:.0f} ms)"
    )
    if arguments.keep:
        (keep / "decision.pdf").write_bytes(built_pdf_bytes)
        (keep / "bare.pdf").write_bytes(bare_pdf_bytes)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pdf-repeat", type=int, default=3)
    parser.add_argument("--keep", default="")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.inner:
        return inner(arguments)
    passed = [
        f"--units={arguments.units}",
        f"--repeat={arguments.repeat}",
        f"--pdf-repeat={arguments.pdf_repeat}",
    ]
    databases = ["sqlite", "postgres"] if arguments.db == "both" else [arguments.db]
    codes = []
    for db in databases:
        keep = [f"--keep={Path(arguments.keep).resolve() / db}"] if arguments.keep else []
        codes.append(run_inner(Path(__file__).resolve(), db, "award_decision", passed + keep))
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
