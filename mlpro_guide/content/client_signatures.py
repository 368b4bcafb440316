"""Signatures of the Databricks client packages, read from their pinned source.

The book quotes calls on two Databricks clients that cannot run here:

* ``databricks-feature-engineering`` (``FeatureEngineeringClient``, ``FeatureLookup``,
  ``FeatureFunction``). Its own dependencies (``protobuf<7``, ``boto3``, ``azure-cosmos``,
  ...) would downgrade pinned packages, so it is installed with ``--no-deps`` into a folder
  off ``sys.path`` (``<venv>/client-sources``, see ``requirements-clients.txt``) and never
  imported: :func:`feature_engineering_module` parses its source with :mod:`ast` and builds
  stand-in classes whose methods have the real signatures and docstrings (bodies, default
  values and annotations dropped), following the package's re-exports.
* ``databricks-sdk`` installs beside the pins (MLflow depends on it), so it is imported.

Nothing here contacts a workspace.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import re
import sys
import types
from functools import cache, lru_cache
from pathlib import Path

from ..lab.paths import REPO_ROOT

FEATURE_ENGINEERING = "databricks-feature-engineering"
REQUIREMENTS_FILE = REPO_ROOT / "requirements-clients.txt"


class ClientSourcesMissing(RuntimeError):
    """The pinned client source is not installed where the check looks for it."""


def pinned_version(distribution: str, requirements: Path = REQUIREMENTS_FILE) -> str:
    """The version ``requirements-clients.txt`` pins for ``distribution``."""
    for line in requirements.read_text(encoding="utf-8").splitlines():
        match = re.match(rf"\s*{re.escape(distribution)}==([\w.]+)", line)
        if match:
            return match.group(1)
    raise ClientSourcesMissing(f"{requirements} pins no version of {distribution}")


def sources_folder() -> Path:
    """Where the client sources are installed: ``$MLPRO_CLIENT_SOURCES`` or
    ``<sys.prefix>/client-sources``."""
    return Path(os.environ.get("MLPRO_CLIENT_SOURCES") or Path(sys.prefix) / "client-sources")


def _install_hint(folder: Path) -> str:
    return (
        f"run: python -m pip install --no-deps --target {folder} -r requirements-clients.txt "
        "(scripts/test.sh does this)"
    )


@lru_cache(maxsize=4)
def installed_version(distribution: str, folder: Path | None = None) -> str:
    """The version of ``distribution`` found in the client-sources folder; it must be the
    pinned one."""
    folder = folder or sources_folder()
    stem = distribution.replace("-", "_")
    found = sorted(folder.glob(f"{stem}-*.dist-info"))
    if not found:
        raise ClientSourcesMissing(f"{distribution} is not in {folder}: {_install_hint(folder)}")
    version = found[-1].name[len(stem) + 1 : -len(".dist-info")]
    wanted = pinned_version(distribution)
    if version != wanted:
        raise ClientSourcesMissing(
            f"{folder} holds {distribution} {version}, the pin is {wanted}: {_install_hint(folder)}"
        )
    return version


def _kwargs_keys(node: ast.FunctionDef | ast.AsyncFunctionDef, constants: dict[str, str]):
    """The keys a function with ``**kwargs`` reads from it (``kwargs.pop("x")``,
    ``kwargs.get(X)``, ``kwargs["x"]``, ``"x" in kwargs``), string constants resolved."""
    var = node.args.kwarg.arg if node.args.kwarg else None
    keys: set[str] = set()
    if var is None:
        return keys

    def key(expr) -> str | None:
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return expr.value
        if isinstance(expr, ast.Name):
            return constants.get(expr.id)
        return None

    for sub in ast.walk(node):
        found = None
        if (
            isinstance(sub, ast.Call)
            and isinstance(sub.func, ast.Attribute)
            and isinstance(sub.func.value, ast.Name)
            and sub.func.value.id == var
            and sub.func.attr in {"pop", "get"}
            and sub.args
        ):
            found = key(sub.args[0])
        elif isinstance(sub, ast.Subscript) and isinstance(sub.value, ast.Name):
            found = key(sub.slice) if sub.value.id == var else None
        elif isinstance(sub, ast.Compare) and len(sub.comparators) == 1:
            other = sub.comparators[0]
            if isinstance(other, ast.Name) and other.id == var:
                found = key(sub.left)
        if found:
            keys.add(found)
    return keys


def _strip_function(node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.FunctionDef:
    """The same parameters and docstring, no annotations, defaults ``None``, body ``...``."""
    args = node.args
    for arg in args.posonlyargs + args.args + args.kwonlyargs + [args.vararg, args.kwarg]:
        if arg is not None:
            arg.annotation = None
    args.defaults = [ast.Constant(None) for _ in args.defaults]
    args.kw_defaults = [None if d is None else ast.Constant(None) for d in args.kw_defaults]
    keep = [
        d
        for d in node.decorator_list
        if isinstance(d, ast.Name) and d.id in {"staticmethod", "classmethod", "property"}
    ]
    body: list[ast.stmt] = [ast.Expr(ast.Constant(...))]
    docstring = ast.get_docstring(node, clean=False)
    if docstring is not None:
        body.insert(0, ast.Expr(ast.Constant(docstring)))
    return ast.FunctionDef(
        name=node.name, args=args, body=body, decorator_list=keep, returns=None, type_params=[]
    )


class _SourcePackage:
    """Stand-ins for the classes and functions of an installed-but-not-imported package."""

    def __init__(self, root: Path, package: str, label: str):
        self.root = root
        self.package = package  # the top-level dotted prefix read from source
        self.label = label
        self._objects: dict[tuple[str, str], object] = {}

    def _file(self, module: str) -> Path | None:
        base = self.root.joinpath(*module.split("."))
        for path in (base.with_suffix(".py"), base / "__init__.py"):
            if path.is_file():
                return path
        return None

    @cache  # noqa: B019 - one instance per package, kept for the run
    def _tree(self, module: str) -> ast.Module | None:
        path = self._file(module)
        return ast.parse(path.read_text(encoding="utf-8")) if path else None

    @cache  # noqa: B019
    def constants(self, module: str) -> dict[str, str]:
        """Module-level string constants of ``module`` and those it imports by name."""
        tree = self._tree(module)
        found: dict[str, str] = {}
        for node in tree.body if tree else []:
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and isinstance(node.value.value, str)
            ):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = node.value.value
            elif isinstance(node, ast.ImportFrom) and node.module and self._file(node.module):
                imported = self.constants(node.module)
                for alias in node.names:
                    if alias.name in imported:
                        found[alias.asname or alias.name] = imported[alias.name]
        return found

    def names(self, module: str) -> set[str]:
        """The names a module defines or re-exports."""
        tree = self._tree(module)
        found: set[str] = set()
        for node in tree.body if tree else []:
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                found.add(node.name)
            elif isinstance(node, ast.ImportFrom):
                found.update(a.asname or a.name for a in node.names)
        return found

    def get(self, module: str, name: str):
        """The stand-in for ``module.name``; ``KeyError`` when the source has no such name."""
        key = (module, name)
        if key not in self._objects:
            self._objects[key] = self._build(module, name)
        return self._objects[key]

    def _build(self, module: str, name: str):
        tree = self._tree(module)
        if tree is None:
            raise KeyError(f"{module}.{name}")
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return self._class(module, node)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
                keys = _kwargs_keys(node, self.constants(module))
                function = self._exec(module, ast.Module([_strip_function(node)], []), name)
                function.__mlpro_kwargs__ = frozenset(keys)
                return function
        for node in tree.body:  # re-exports: from x import Name
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    if (alias.asname or alias.name) == name:
                        return self._imported(node.module, alias.name)
        raise KeyError(f"{module}.{name}")

    def _imported(self, module: str, name: str):
        if self._file(module) is not None:
            return self.get(module, name)
        imported = __import__(module, fromlist=[name])  # e.g. databricks.sdk.service.ml
        return getattr(imported, name)

    def _class(self, module: str, node: ast.ClassDef):
        bases = []
        for base in node.bases:
            if isinstance(base, ast.Name):
                try:
                    bases.append(self.get(module, base.id))
                except KeyError:
                    pass
        body: list[ast.stmt] = []
        docstring = ast.get_docstring(node, clean=False)
        if docstring is not None:
            body.append(ast.Expr(ast.Constant(docstring)))
        is_dataclass = any(
            "dataclass" in ast.unparse(d) for d in node.decorator_list if isinstance(d, ast.AST)
        )
        keys: dict[str, frozenset[str]] = {}
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                keys[item.name] = frozenset(_kwargs_keys(item, self.constants(module)))
                body.append(_strip_function(item))
            elif (
                is_dataclass
                and isinstance(item, ast.AnnAssign)
                and isinstance(item.target, ast.Name)
            ):
                body.append(
                    ast.AnnAssign(
                        target=item.target,
                        annotation=ast.Name("object"),
                        value=None if item.value is None else ast.Constant(None),
                        simple=1,
                    )
                )
        stub = ast.ClassDef(
            name=node.name,
            bases=[],
            keywords=[],
            body=body or [ast.Pass()],
            decorator_list=[],
            type_params=[],
        )
        cls = self._exec(module, ast.Module([stub], []), node.name)
        if bases:
            cls = types.new_class(
                node.name,
                tuple(bases),
                exec_body=lambda ns: ns.update(
                    {k: v for k, v in vars(cls).items() if k not in ("__dict__", "__weakref__")}
                ),
            )
        if is_dataclass:
            cls = dataclasses.dataclass(cls)
        for method, read in keys.items():
            function = vars(cls).get(method)
            function = getattr(function, "__func__", function)
            if isinstance(function, types.FunctionType):
                function.__mlpro_kwargs__ = read
        cls.__module__ = module
        return cls

    def _exec(self, module: str, tree: ast.Module, name: str):
        namespace: dict[str, object] = {"__name__": module}
        exec(
            compile(ast.fix_missing_locations(tree), f"<{self.label}: {module}>", "exec"), namespace
        )  # noqa: S102 - stubs built from parsed signatures
        obj = namespace[name]
        obj.__module__ = module
        return obj


class SourceModule(types.ModuleType):
    """A module of a source-read package: attribute access builds stand-ins lazily."""

    def __init__(self, package: _SourcePackage, name: str):
        super().__init__(name)
        self._package = package
        self.__file__ = str(package._file(name) or "")

    def __getattr__(self, attr: str):
        if attr.startswith("__"):
            raise AttributeError(attr)
        try:
            return self._package.get(self.__name__, attr)
        except KeyError:
            if self._package._file(f"{self.__name__}.{attr}"):
                return SourceModule(self._package, f"{self.__name__}.{attr}")
            raise AttributeError(attr) from None


@lru_cache(maxsize=1)
def feature_engineering_package() -> tuple[_SourcePackage, str]:
    """The source-read ``databricks-feature-engineering`` and its version."""
    folder = sources_folder()
    version = installed_version(FEATURE_ENGINEERING, folder)
    label = f"{FEATURE_ENGINEERING} {version}"
    return _SourcePackage(folder, "databricks", label), version


def feature_engineering_module(name: str = "databricks.feature_engineering") -> SourceModule:
    """A module of ``databricks-feature-engineering`` (or of its ``databricks.ml_features``
    internals), read from source."""
    package, _ = feature_engineering_package()
    if package._file(name) is None:
        raise ModuleNotFoundError(name)
    return SourceModule(package, name)
