"""The layering of docs/architecture.md, checked on the source: core ← organizations ← campaigns ← pillars ← api.

Every module of the product (tests and migrations excepted) is parsed with ``ast``; every import of a ``thidua``
package, at module level or inside a function, counts.
"""

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PRODUCT = Path(__file__).resolve().parents[2]  # the thidua package

# Higher imports lower; equal ranks (the pillars) know nothing of each other.
LAYERS = {
    "core": 0,
    "organizations": 1,
    "campaigns": 2,
    "jobs": 2,  # background jobs (branch `jobs`): uses core and organizations, used by the pillars
    # Notifications (branch `notify`): listens to core.events and sends through jobs; the pillars never import it.
    "notifications": 2.5,
    "initiatives": 3,
    "surveys": 3,
    "inspections": 3,
    "awards": 3,  # reads the pillars through the indicator registry only, so it ranks with them
    "public": 4,  # the transparency page and open data: reads every pillar's selectors, nothing imports it
    "reports": 3,  # periodic reports: reads the pillars through the indicator registry only
    "api": 4,
}
# Module names that belong to the web and API edge; domain code never imports them.
EDGE_MODULES = {"views", "urls", "api"}


def _is_edge(module_name: str) -> bool:
    last = module_name.rsplit(".", 1)[-1]
    return last in EDGE_MODULES or last.endswith(("_views", "_urls"))


def _product_modules() -> list[Path]:
    return sorted(
        path
        for path in PRODUCT.rglob("*.py")
        if not {"tests", "migrations"} & set(path.relative_to(PRODUCT).parts)
    )


def _module_name(path: Path) -> str:
    parts = ("thidua", *path.relative_to(PRODUCT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str | None = None) -> list[tuple[int, str]]:
    """(line, imported module) for every import in the file, relative imports resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    name = name or _module_name(path)
    own_package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = own_package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((node.lineno, module))
            # ``from thidua.x import views`` imports the views module itself.
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def _package_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "thidua" else None


def _package_imports() -> list[tuple[str, str, str, int, str]]:
    """(importing package, imported package, file, line, imported module) across packages."""
    edges = []
    for path in _product_modules():
        importer = _package_of(_module_name(path))
        for line, module in _imports(path):
            imported = _package_of(module)
            if importer and imported and imported != importer:
                edges.append((importer, imported, str(path.relative_to(PRODUCT.parent)), line, module))
    return edges


def test_every_product_package_has_a_place_in_the_layering():
    packages = {path.name for path in PRODUCT.iterdir() if (path / "__init__.py").exists()}
    assert packages - set(LAYERS) == set(), "add the new package to LAYERS and to docs/architecture.md"


def test_no_package_imports_a_package_at_or_above_its_own_layer():
    upward = [
        f"{file}:{line} imports {module} ({importer} may not depend on {imported})"
        for importer, imported, file, line, module in _package_imports()
        if LAYERS.get(imported, 99) >= LAYERS.get(importer, -1)
    ]
    assert upward == []


def _packages_in_loops(depends_on: dict[str, set[str]]) -> set[str]:
    """Packages that reach themselves through imports (two packages importing each other, or a longer ring)."""
    in_loops = set()
    for start in depends_on:
        seen, frontier = set(), set(depends_on[start])
        while frontier:
            seen |= frontier
            frontier = {nxt for package in frontier for nxt in depends_on.get(package, ())} - seen
        if start in seen:
            in_loops.add(start)
    return in_loops


def test_no_packages_import_each_other_directly_or_in_a_ring():
    depends_on: dict[str, set[str]] = defaultdict(set)
    for importer, imported, *_rest in _package_imports():
        depends_on[importer].add(imported)
    assert _packages_in_loops(dict(depends_on)) == set()


def test_the_loop_finder_finds_a_pair_and_a_ring():
    assert _packages_in_loops({"api": {"organizations"}, "organizations": {"api", "core"}}) == {
        "api",
        "organizations",
    }
    assert _packages_in_loops({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == {"a", "b", "c"}
    assert _packages_in_loops({"campaigns": {"organizations", "core"}, "organizations": {"core"}}) == set()


def test_domain_code_never_imports_views_or_the_api():
    offending = []
    for path in _product_modules():
        name = _module_name(path)
        if _is_edge(name):
            continue
        offending.extend(
            f"{path.relative_to(PRODUCT.parent)}:{line} imports {module}"
            for line, module in _imports(path)
            if _package_of(module) and (_is_edge(module) or _package_of(module) == "api")
        )
    assert offending == []


def test_core_names_no_domain_app_in_its_code():
    domain = {name for name, rank in LAYERS.items() if rank > 0}
    mentions = [
        f"{path.relative_to(PRODUCT.parent)}:{line} imports {module}"
        for path in _product_modules()
        if _package_of(_module_name(path)) == "core"
        for line, module in _imports(path)
        if _package_of(module) in domain
    ]
    assert mentions == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from thidua.organizations.access import user_can\n", "thidua.organizations.access"),
        ("def f():\n    import thidua.campaigns.models\n", "thidua.campaigns.models"),
        ("from ..campaigns import views\n", "thidua.campaigns.views"),
    ],
)
def test_the_checker_sees_every_kind_of_import(tmp_path, source, expected):
    module = tmp_path / "probe.py"
    module.write_text(source, encoding="utf-8")
    assert expected in {imported for _line, imported in _imports(module, "thidua.core.probe")}
