"""Imports flow one way: blog and reviews use papers, authors and home; papers
uses authors and home; home uses none of them.

Also: no module-level import circle anywhere in our packages, and only the
load_demo_content command imports a module named ``demo``.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "home": {"authors", "blog", "reviews", "sharing", "papers"},
    "papers": {"blog", "reviews", "sharing"},
    # A leaf below the content apps: posts (and papers) point at authors.
    "authors": {"blog", "reviews", "sharing", "papers"},
    "blog": {"reviews", "sharing"},
    "reviews": {"blog", "sharing"},
    "sharing": {"blog", "reviews"},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_does_not_import_apps_above_or_beside_it(app):
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & FORBIDDEN[app])
        for path in (ROOT / app).rglob("*.py")
        if imported_apps(path) & FORBIDDEN[app]
    }
    assert offenders == {}


def test_no_python_file_is_over_400_lines():
    long_files = {
        str(path.relative_to(ROOT)): len(path.read_text().splitlines())
        for app in (
            "site_project",
            "home",
            "authors",
            "blog",
            "reviews",
            "papers",
            "tests",
        )
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and len(path.read_text().splitlines()) > 400
    }
    assert long_files == {}


def test_no_template_line_is_over_120_characters():
    templates = [*ROOT.glob("templates/**/*.html"), *ROOT.glob("*/templates/**/*.html")]
    long_lines = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if len(line) > 120
    ]
    assert long_lines == []


def migration_dependencies(path: Path) -> set[str]:
    """The app labels a migration file names in its ``dependencies``."""
    tree = ast.parse(path.read_text(), filename=str(path))
    labels = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "dependencies"
            for target in node.targets
        ):
            for item in node.value.elts:
                if isinstance(item, ast.Tuple):
                    labels.add(item.elts[0].value)
    return labels


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_app_migrations_do_not_depend_on_apps_above_or_beside_it(app):
    offenders = {
        path.name: sorted(migration_dependencies(path) & FORBIDDEN[app])
        for path in (ROOT / app / "migrations").glob("0*.py")
        if migration_dependencies(path) & FORBIDDEN[app]
    }
    assert offenders == {}


def test_migration_dependency_check_sees_a_cross_app_dependency(tmp_path):
    migration = tmp_path / "0009_example.py"
    migration.write_text(
        "class Migration:\n"
        "    dependencies = [('home', '0001_initial'), ('reviews', '0001_initial')]\n"
    )
    assert migration_dependencies(migration) == {"home", "reviews"}


PACKAGES = ("site_project", "home", "blog", "reviews", "sharing")
# The one place demo loaders may be imported from (the composition root).
DEMO_IMPORTER = "site_project.management.commands.load_demo_content"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def our_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts
    }


def module_level_imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """Our modules that ``path`` imports when it is imported.

    Imports inside functions run later and cannot make a circle at import time,
    so they are left out. ``from package import name`` counts as importing
    ``package.name`` when that is a module, else ``package``.
    """
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.parse(path.read_text(), filename=str(path)).body:
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            # The imported module, or the nearest package of ours above it.
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = our_modules()
    return {
        name: module_level_imports(path, name, set(modules))
        for name, path in modules.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import circle in ``graph`` (as a path back to its start), or []."""
    done, stack, on_stack = set(), [], set()

    def visit(node: str) -> list[str]:
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target in on_stack:
                return [*stack[stack.index(target) :], target]
            if target not in done:
                cycle = visit(target)
                if cycle:
                    return cycle
        stack.pop()
        on_stack.discard(node)
        done.add(node)
        return []

    for node in sorted(graph):
        if node not in done:
            cycle = visit(node)
            if cycle:
                return cycle
    return []


def test_no_module_level_import_circle():
    # Imports inside functions (checked by hand): home/apps.py and
    # reviews/apps.py import in AppConfig.ready(), where Django wants signal
    # wiring; site_project/urls.py imports the DEBUG-only static view. None is
    # there to break a circle. Reviews' snippets, reference table and redirects
    # reach the page models through apps.get_model, Django's lazy lookup.
    assert find_cycle(import_graph()) == []


def test_cycle_check_finds_a_circle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycle(graph) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def test_the_import_graph_sees_relative_and_package_imports():
    graph = import_graph()
    assert "reviews.models.pages" in graph["reviews.models"]
    assert "home.metadata" in graph["reviews.models.pages"]


def test_only_the_demo_command_imports_demo_modules():
    importers = {
        name: sorted(
            target
            for target in imports
            if target.rpartition(".")[2] == "demo" and name != DEMO_IMPORTER
        )
        for name, imports in import_graph().items()
        if not name.endswith(".demo")
    }
    assert {name: found for name, found in importers.items() if found} == {}
