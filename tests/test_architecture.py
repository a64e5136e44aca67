"""Imports flow one way: blog and reviews use papers and home; papers uses home;
home uses none of them."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "home": {"blog", "reviews", "sharing", "papers"},
    "papers": {"blog", "reviews", "sharing"},
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
        for app in ("site_project", "home", "blog", "reviews", "papers", "tests")
        for path in (ROOT / app).rglob("*.py")
        if "migrations" not in path.parts and len(path.read_text().splitlines()) > 400
    }
    assert long_files == {}


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
