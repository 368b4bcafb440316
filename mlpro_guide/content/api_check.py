"""Check the calls the guide quotes against the pinned MLflow and Databricks clients.

Pages quote many calls that cannot run here in full (they need a Databricks workspace),
but their names and signatures can be checked. :func:`check_markdown`,
:func:`check_notebook` and :func:`check_bank` collect every quoted call rooted in
``mlflow``, ``MlflowClient``, an MLflow client variable (``client``), the deployments
client (``get_deploy_client("databricks")``), the Feature Engineering client
(``FeatureEngineeringClient``, ``FeatureLookup``, ``FeatureFunction``, the docs' ``fe``)
or the Databricks SDK (``WorkspaceClient``, the docs' ``w``, ``databricks.sdk.service``
classes), from Python code blocks and from inline code in prose, and report a
:class:`Finding` (file, line, call, problem) when:

* the function, class or method does not exist in the pinned package;
* a keyword argument is not accepted, or there are too many positional arguments;
* for the Databricks clients: a required keyword is missing from a call quoted in full
  (no ``...`` placeholder), or a keyword that lands in ``**kwargs`` is one the client's
  source never reads (``fe.log_model`` hands its extra keywords to the flavor's
  ``save_model``, so they are checked there);
* the function, or a keyword it is given, is deprecated: the installed docstring says so
  (MLflow's ``@deprecated`` decorators write ``.. Warning:: ... is deprecated`` and
  ``Parameter ... is deprecated``; parameters say ``Deprecated.`` in their ``Args:``
  entry), or a rule in :data:`DEPRECATED_FORMS` matches.

``databricks-feature-engineering`` is read from its pinned source, never imported (see
:mod:`mlpro_guide.content.client_signatures`); ``databricks-sdk`` is imported.

What is not checked, on purpose:

* names from the legacy Databricks modules on :data:`ALLOWED_MODULES` (each with its
  reason);
* MLflow system tag keys such as ``mlflow.source.git.commit`` (they are strings, not
  APIs);
* a quote in prose whose paragraph says it is legacy (deprecated, removed, replaced,
  MLflow 2...),
  and a line of code whose comment says so: naming an old API to contrast it with the
  current one is teaching, not a mistake;
* wrong options of questions: a distractor may quote a legacy call on purpose (its reason
  and the explanation are checked).
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import client_signatures

ALLOWED_MODULES = {
    "databricks.feature_store": (
        "The legacy workspace Feature Store client, Databricks-only and not pinned; pages "
        "name it only to contrast it with FeatureEngineeringClient."
    ),
}
"""Databricks modules whose names are not checked, each with the reason."""

ALLOWED_NAMES = {
    "FeatureStoreClient": "databricks.feature_store",
}
"""Names used in prose without an import, mapped to their allow-listed module."""

FEATURE_ENGINEERING_MODULE = "databricks.feature_engineering"
SDK_MODULE = "databricks.sdk"
MLFLOW = "MLflow"

LEGACY_CONTEXT = re.compile(
    r"deprecat|legacy|\bremoved\b|no longer|\breplac|\bretired\b|of the past|\bformerly\b"
    r"|\bMLflow [12]\b",
    re.IGNORECASE,
)
"""Words that mark a paragraph (or a question's text field, or a code comment) as a
deliberate mention of an old API, including a call attributed to MLflow 1 or 2."""

PYTHON_FENCES = {"python", "py", "python3", "ipython3", "{code-cell}"}
_FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(.*?)\s*$")
_INLINE_CODE = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_WORTH_PARSING = re.compile(
    r"\bmlflow\.|MlflowClient|get_deploy_client|\bclient\.|\bfe\.|\bw\.|WorkspaceClient|\w\("
)


@dataclass(frozen=True)
class Finding:
    """One quoted call that does not match the installed MLflow."""

    path: Path
    line: int
    call: str
    problem: str
    cell: int | None = None
    """For a notebook: the cell number (from 1); ``line`` is then the line in the cell."""

    def __str__(self) -> str:
        where = f"cell {self.cell}, line {self.line}" if self.cell else f"line {self.line}"
        return f"{self.path}: {where}: `{self.call}`: {self.problem}"


@dataclass(frozen=True)
class _Allowed:
    module: str


@dataclass(frozen=True)
class _Instance:
    classes: tuple[type, ...]
    package: str = MLFLOW


@dataclass(frozen=True)
class _Resolved:
    """An object of a checked package reached from a quote; ``bound`` when it is a method
    reached through a class or an instance (so ``self`` is implied); ``package`` names
    the pinned distribution it comes from."""

    obj: object
    name: str
    bound: bool = False
    package: str = MLFLOW


_UNKNOWN = object()


class _Problem(Exception):
    pass


# ---------------------------------------------------------------------------------------
# The installed MLflow


@lru_cache(maxsize=1)
def _mlflow_defaults() -> dict[str, object]:
    import mlflow
    from mlflow.deployments.databricks import DatabricksDeploymentClient

    return {
        "mlflow": _Resolved(mlflow, "mlflow"),
        "MlflowClient": _Resolved(mlflow.MlflowClient, "mlflow.MlflowClient"),
        "get_deploy_client": _Resolved(
            importlib.import_module("mlflow.deployments").get_deploy_client,
            "mlflow.deployments.get_deploy_client",
        ),
        # Prose says `client.x(...)` for either client; a method that exists on neither
        # is reported, one that exists on either is checked against it.
        "client": _Instance((mlflow.MlflowClient, DatabricksDeploymentClient)),
        **_client_defaults(),
        **{name: _Allowed(module) for name, module in ALLOWED_NAMES.items()},
    }


def _package_label(module: str) -> str:
    """The pinned distribution a ``databricks.*`` module comes from, with its version."""
    if module.split(".")[:2] == ["databricks", "sdk"]:
        from importlib.metadata import version

        return f"databricks-sdk {version('databricks-sdk')}"
    _, version = client_signatures.feature_engineering_package()
    return f"{client_signatures.FEATURE_ENGINEERING} {version}"


def _client_module(name: str):
    """A module of a Databricks client: the SDK imported, Feature Engineering (and its
    ``databricks.ml_features`` internals) read from source."""
    if name == SDK_MODULE or name.startswith(SDK_MODULE + "."):
        return importlib.import_module(name)
    return client_signatures.feature_engineering_module(name)


@lru_cache(maxsize=1)
def _client_defaults() -> dict[str, object]:
    """The names the docs use without an import: ``fe`` and ``w`` are client instances."""
    fe_module = _client_module(FEATURE_ENGINEERING_MODULE)
    fe_label = _package_label(FEATURE_ENGINEERING_MODULE)
    from databricks.sdk import WorkspaceClient

    sdk_label = _package_label(SDK_MODULE)
    names = {
        name: _Resolved(getattr(fe_module, name), name, package=fe_label)
        for name in ("FeatureEngineeringClient", "FeatureLookup", "FeatureFunction")
    }
    names["fe"] = _Instance((fe_module.FeatureEngineeringClient,), fe_label)
    names["WorkspaceClient"] = _Resolved(WorkspaceClient, "WorkspaceClient", package=sdk_label)
    names["w"] = _Instance((WorkspaceClient,), sdk_label)
    return names


@lru_cache(maxsize=1)
def _bare_candidates() -> tuple[tuple[object, str, bool], ...]:
    """Where a bare call such as `create_endpoint(...)` in prose may come from."""
    import mlflow
    import mlflow.pyfunc
    from mlflow.deployments.databricks import DatabricksDeploymentClient

    return (
        (mlflow, "mlflow", False),
        (mlflow.pyfunc, "mlflow.pyfunc", False),
        (mlflow.MlflowClient, "mlflow.MlflowClient", True),
        (DatabricksDeploymentClient, "DatabricksDeploymentClient", True),
    )


@lru_cache(maxsize=1)
def _system_tag_keys() -> frozenset[str]:
    from mlflow.utils import mlflow_tags

    return frozenset(
        value
        for name, value in vars(mlflow_tags).items()
        if name.isupper() and isinstance(value, str) and value.startswith("mlflow.")
    )


def _deploy_client_class(target: str | None):
    if target == "databricks" or (target or "").startswith("databricks://"):
        from mlflow.deployments.databricks import DatabricksDeploymentClient

        return DatabricksDeploymentClient
    return None


def _in(package: str) -> str:
    return "the installed MLflow" if package == MLFLOW else f"the pinned {package}"


def _attribute(resolved: _Resolved, attr: str):
    """``resolved.attr``: a _Resolved, or an _Instance for a property whose return type is
    a class (``WorkspaceClient.serving_endpoints``)."""
    obj = resolved.obj
    name = f"{resolved.name}.{attr}"
    package = resolved.package
    if inspect.ismodule(obj):
        try:
            return _Resolved(getattr(obj, attr), name, package=package)
        except AttributeError:
            pass
        try:
            module_name = f"{obj.__name__}.{attr}"
            if package == MLFLOW:
                return _Resolved(importlib.import_module(module_name), name)
            return _Resolved(_client_module(module_name), name, package=package)
        except ImportError:
            raise _Problem(f"{name} does not exist in {_in(package)}") from None
    if not hasattr(obj, attr):
        raise _Problem(f"{name} does not exist in {_in(package)}")
    static = inspect.getattr_static(obj, attr, None) if inspect.isclass(obj) else None
    if isinstance(static, property):
        returned = inspect.get_annotations(static.fget, eval_str=False).get("return")
        return _Instance((returned,), package) if inspect.isclass(returned) else _UNKNOWN
    value = getattr(obj, attr)
    bound = inspect.isclass(obj) and inspect.isfunction(static)
    return _Resolved(value, name, bound, package)


def _qualified(obj) -> str:
    module = getattr(obj, "__module__", "") or ""
    return f"{module}.{getattr(obj, '__qualname__', getattr(obj, '__name__', '?'))}"


@lru_cache(maxsize=512)
def _deprecations(func) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """What the installed docstring of ``func`` says is deprecated: the function itself
    (a note) and its parameters (name, note)."""
    doc = inspect.getdoc(func) or ""
    first = doc.split("\n\n", 1)[0]
    whole = None
    if re.match(r"\.\. (warning|deprecated)::", first, re.IGNORECASE) and re.search(
        r"deprecat", first, re.IGNORECASE
    ):
        whole = _clean_note(first)
    params: dict[str, str] = {}
    for match in re.finditer(r"Parameter ``(\w+)`` is deprecated[^\n]*", doc):
        params[match.group(1)] = match.group(0)
    args = re.search(r"^(?:Args|Parameters):\n((?:[ \t]+.*\n?|\n)+)", doc, re.MULTILINE)
    if args:
        entries = re.split(r"\n(?=    [*\w]+(?: \([^)]*\))?:)", "\n" + args.group(1))
        for entry in entries:
            head = re.match(r"\s*\**(\w+)(?: \([^)]*\))?:(.*)", entry, re.DOTALL)
            if head and re.search(r"deprecat", head.group(2), re.IGNORECASE):
                sentence = re.search(r"[^.]*deprecat[^.]*\.?[^.]*\.?", head.group(2), re.I)
                params.setdefault(head.group(1), _clean_note(sentence.group(0)))
    return whole, tuple(sorted(params.items()))


def _clean_note(text: str) -> str:
    text = re.sub(r"(?:\.\.\s*)?\b\w+::", " ", text)
    return " ".join(text.replace("``", "`").split())


def _create_endpoint_payload(call: ast.Call) -> str | None:
    config = next((k.value for k in call.keywords if k.arg == "config"), None)
    if isinstance(config, ast.Dict):
        keys = {k.value for k in config.keys if isinstance(k, ast.Constant)}
        if "config" not in keys:
            return (
                "the legacy payload: the pinned MLflow wants the whole request in `config` "
                '(`config={"name": ..., "config": {"served_entities": ...}}`) and warns '
                "that the separate form is deprecated"
            )
    return None


DEPRECATED_FORMS = {
    "mlflow.deployments.databricks.DatabricksDeploymentClient.create_endpoint": (
        _create_endpoint_payload
    ),
}
"""Deprecated call forms the docstrings do not spell out, keyed by qualified name: a
function of the ``ast.Call`` that returns the problem, or ``None``."""


def _check_signature(resolved: _Resolved, call: ast.Call) -> list[str]:
    func = resolved.obj
    if not callable(func):
        return [f"{resolved.name} is not callable"]
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    problems = []
    placeholder = any(
        isinstance(a, ast.Starred) or (isinstance(a, ast.Constant) and a.value is Ellipsis)
        for a in call.args
    )
    n_args = 0 if placeholder else len(call.args)
    names = [k.arg for k in call.keywords if k.arg is not None]
    args = [None] * (n_args + (1 if resolved.bound else 0))
    try:
        bound = signature.bind_partial(*args, **dict.fromkeys(names))
    except TypeError as error:
        return [f"{resolved.name}: {error}"]
    whole, params = _deprecations(func)
    if whole:
        problems.append(f"{resolved.name} is deprecated in {_in(resolved.package)}: {whole}")
    given = set(bound.arguments) - ({next(iter(signature.parameters))} if resolved.bound else set())
    for param, note in params:
        if param in given:
            problems.append(f"{resolved.name}({param}=...) is deprecated: {note}")
    rule = DEPRECATED_FORMS.get(_qualified(func))
    if rule and (problem := rule(call)):
        problems.append(f"{resolved.name}: {problem}")
    if resolved.package != MLFLOW:
        problems += _client_keywords(resolved, signature, call, names, placeholder)
    _count(resolved.package)
    return problems


def _client_keywords(resolved: _Resolved, signature, call: ast.Call, names, placeholder):
    """Databricks clients: required parameters of a call quoted in full, and keywords that
    fall into ``**kwargs``."""
    problems = []
    params = list(signature.parameters.values())
    if resolved.bound and params:
        params = params[1:]
    named = {p.name for p in params if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
    spread = any(k.arg is None for k in call.keywords)
    if not placeholder and not spread:
        positional = params[: len(call.args)]
        given = set(names) | {p.name for p in positional}
        missing = [
            p.name
            for p in params
            if p.default is p.empty
            and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)
            and p.name not in given
        ]
        if missing:
            listed = ", ".join(f"{m}=" for m in missing)
            problems.append(f"{resolved.name} requires {listed} in {resolved.package}")
    extra = [n for n in names if n not in named]
    if not extra or not any(p.kind is p.VAR_KEYWORD for p in params):
        return problems
    forward = FORWARDED_KEYWORDS.get(_qualified(resolved.obj))
    read = getattr(resolved.obj, "__mlpro_kwargs__", frozenset())
    for keyword in extra:
        if keyword in read:
            continue
        if forward:
            target = forward(call)
            try:
                accepted = keyword in inspect.signature(target).parameters
            except (TypeError, ValueError):
                accepted = True
            if not accepted:
                problems.append(
                    f"{resolved.name}({keyword}=...): {resolved.package} passes its extra "
                    f"keywords to {target.__module__}.{target.__name__}, which has no "
                    f"parameter {keyword!r}"
                )
            continue
        problems.append(
            f"{resolved.name}({keyword}=...): not a parameter in {resolved.package}, and its "
            "source never reads it from **kwargs"
        )
    return problems


def _flavor_save_model(call: ast.Call):
    """The ``save_model`` of the flavor a ``fe.log_model`` call names (``mlflow.sklearn``),
    or ``mlflow.pyfunc.save_model`` when the flavor is not quoted."""
    flavor = next((k.value for k in call.keywords if k.arg == "flavor"), None)
    module = "mlflow.pyfunc"
    if flavor is not None:
        text = ast.unparse(flavor)
        if re.fullmatch(r"mlflow(\.\w+)+", text):
            module = text
    try:
        return importlib.import_module(module).save_model
    except (ImportError, AttributeError):
        return importlib.import_module("mlflow.pyfunc").save_model


FORWARDED_KEYWORDS = {
    "databricks.feature_engineering.client.FeatureEngineeringClient.log_model": (
        _flavor_save_model
    ),
}
"""Client functions whose ``**kwargs`` go on to another function (keyed by qualified
name): a function of the ``ast.Call`` that returns the function they go to."""

_COUNTS: dict[str, int] | None = None


def _count(package: str) -> None:
    if _COUNTS is not None:
        _COUNTS[package] = _COUNTS.get(package, 0) + 1


# ---------------------------------------------------------------------------------------
# Resolving the names in one snippet


class _Scope:
    """Names a page, notebook or question has bound so far, in reading order."""

    def __init__(self):
        self.names: dict[str, object] = {}

    def lookup(self, name: str):
        if name in self.names:
            return self.names[name]
        return _mlflow_defaults().get(name, _UNKNOWN)


def _resolve(node, scope: _Scope):
    """What an expression denotes: a _Resolved, an _Instance, _Allowed or _UNKNOWN.
    Raises _Problem when an MLflow name does not exist."""
    if isinstance(node, ast.Name):
        return scope.lookup(node.id)
    if isinstance(node, ast.Attribute):
        base = _resolve(node.value, scope)
        if isinstance(base, _Resolved):
            return _attribute(base, node.attr)
        if isinstance(base, _Instance):
            having = [c for c in base.classes if hasattr(c, node.attr)]
            if not having:
                names = " or ".join(c.__name__ for c in base.classes)
                raise _Problem(f"{names} has no method {node.attr!r} in {_in(base.package)}")
            if len(having) == 1:
                owner = _Resolved(having[0], having[0].__name__, package=base.package)
                return _attribute(owner, node.attr)
            return _Instance(tuple(having)), node.attr
        return base if isinstance(base, _Allowed) else _UNKNOWN
    if isinstance(node, ast.Call):
        return _result_of(node, scope)
    return _UNKNOWN


def _result_of(call: ast.Call, scope: _Scope):
    """What a call returns, as far as the checks care: an instance of an MLflow class."""
    try:
        callee = _resolve(call.func, scope)
    except _Problem:
        return _UNKNOWN
    if isinstance(callee, _Allowed):
        return callee
    if isinstance(callee, _Resolved):
        if inspect.isclass(callee.obj):
            return _Instance((callee.obj,), callee.package)
        if callee.name.endswith("get_deploy_client"):
            target = call.args[0] if call.args else None
            value = target.value if isinstance(target, ast.Constant) else None
            cls = _deploy_client_class(value)
            return _Instance((cls,)) if cls else _UNKNOWN
    return _UNKNOWN


def _bind(node: ast.stmt, scope: _Scope, report) -> None:
    """Update ``scope`` for imports, assignments and definitions."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            root = alias.name.split(".")[0]
            local = alias.asname or root
            if root == "mlflow":
                try:
                    module = importlib.import_module(alias.name)
                except ImportError:
                    report(f"module {alias.name} does not exist in the installed MLflow")
                    continue
                if alias.asname:  # import mlflow.pyfunc as pf
                    scope.names[local] = _Resolved(module, alias.name)
                else:  # import mlflow.pyfunc binds mlflow
                    scope.names[local] = _mlflow_defaults()["mlflow"]
            elif _client_root(alias.name):
                try:
                    module = _client_module(alias.name)
                except ImportError:
                    report(f"module {alias.name} does not exist in the pinned Databricks clients")
                    continue
                label = _package_label(alias.name)
                if alias.asname:
                    scope.names[local] = _Resolved(module, alias.name, package=label)
                else:  # import databricks.sdk binds databricks: follow it from the root
                    scope.names[local] = _UNKNOWN
            elif _allowed_module(alias.name):
                scope.names[local] = _Allowed(_allowed_module(alias.name))
            else:
                scope.names[local] = _UNKNOWN
    elif isinstance(node, ast.ImportFrom):
        module_name = node.module or ""
        allowed = _allowed_module(module_name)
        for alias in node.names:
            local = alias.asname or alias.name
            if module_name.split(".")[0] == "mlflow":
                try:
                    module = importlib.import_module(module_name)
                    scope.names[local] = _attribute(_Resolved(module, module_name), alias.name)
                except (ImportError, _Problem):
                    report(f"{module_name}.{alias.name} does not exist in the installed MLflow")
            elif _client_root(module_name):
                label = _package_label(module_name)
                try:
                    module = _client_module(module_name)
                    resolved = _attribute(_Resolved(module, module_name, package=label), alias.name)
                    scope.names[local] = resolved
                except (ImportError, _Problem):
                    report(f"{module_name}.{alias.name} does not exist in the pinned {label}")
            elif allowed:
                scope.names[local] = _Allowed(allowed)
            elif module_name.split(".")[0] == "databricks":
                report(
                    f"module {module_name} is Databricks-only and not on the allow-list "
                    "(add it to ALLOWED_MODULES in mlpro_guide/content/api_check.py with a reason)"
                )
                scope.names[local] = _Allowed(module_name)
            else:
                scope.names[local] = _UNKNOWN
    elif isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = _result_of(node.value, scope) if isinstance(node.value, ast.Call) else _UNKNOWN
        for target in targets:
            if isinstance(target, ast.Name):
                scope.names[target.id] = value
    elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
        scope.names[node.target.id] = _UNKNOWN


def _client_root(name: str) -> str | None:
    """The checked Databricks client a module belongs to, if any."""
    for root in (FEATURE_ENGINEERING_MODULE, "databricks.ml_features", SDK_MODULE):
        if name == root or name.startswith(root + "."):
            return root
    return None


def _allowed_module(name: str) -> str | None:
    for module in ALLOWED_MODULES:
        if name == module or name.startswith(module + "."):
            return module
    return None


def _check_call(call: ast.Call, scope: _Scope) -> list[str]:
    func = call.func
    if isinstance(func, ast.Name) and scope.lookup(func.id) is _UNKNOWN:
        if func.id in scope.names or hasattr(builtins, func.id):
            return []
        candidates = [
            _Resolved(getattr(owner, func.id), f"{name}.{func.id}", bound)
            for owner, name, bound in _bare_candidates()
            if hasattr(owner, func.id)
        ]
        return _best_of(candidates, call)
    resolved = _resolve(func, scope)
    if isinstance(resolved, tuple):  # a method on either client: check both
        instance, attr = resolved
        owners = [_Resolved(c, c.__name__, package=instance.package) for c in instance.classes]
        return _best_of([_attribute(owner, attr) for owner in owners], call)
    if isinstance(resolved, _Resolved):
        return _check_signature(resolved, call)
    return []


def _best_of(candidates: list[_Resolved], call: ast.Call) -> list[str]:
    """No problem when any candidate accepts the call; else the first one's problems."""
    results = [_check_signature(c, call) for c in candidates]
    if not results or any(not r for r in results):
        return []
    return results[0]


def _is_tag_key(node: ast.AST) -> bool:
    try:
        return ast.unparse(node) in _system_tag_keys()
    except Exception:  # noqa: BLE001 - unparse of odd nodes: not a tag key
        return False


_NESTED = ("body", "orelse", "finalbody", "handlers")


def _check_tree(tree: ast.AST, scope: _Scope, lines: list[str], first_line: int, report):
    """Check every call and attribute chain of a parsed snippet, binding names in reading
    order (so ``client = MlflowClient()`` decides what ``client.x(...)`` means below it)."""
    if isinstance(tree, ast.Module):
        _visit(tree.body, scope, lines, first_line, report)
    else:
        _check_nodes([tree.body], scope, lines, first_line, report)


def _visit(statements, scope: _Scope, lines, first_line: int, report) -> None:
    for statement in statements:
        nested = [getattr(statement, field, None) or [] for field in _NESTED]
        if not any(nested):
            _check_nodes([statement], scope, lines, first_line, report)
            line = first_line + statement.lineno - 1
            _bind(statement, scope, lambda problem, line=line: report(problem, line, ""))
            continue
        # A compound statement: its header first, then its blocks in order.
        header = [
            value
            for field, value in ast.iter_fields(statement)
            if field not in _NESTED and isinstance(value, ast.AST | list)
        ]
        flat = [n for v in header for n in (v if isinstance(v, list) else [v])]
        _check_nodes([n for n in flat if isinstance(n, ast.AST)], scope, lines, first_line, report)
        for node in flat:  # loop and `with ... as` targets, function parameters
            for name in ast.walk(node) if isinstance(node, ast.AST) else []:
                if isinstance(name, ast.Name) and isinstance(name.ctx, ast.Store):
                    scope.names[name.id] = _UNKNOWN
                elif isinstance(name, ast.arg):
                    scope.names[name.arg] = _UNKNOWN
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            scope.names[statement.name] = _UNKNOWN
        for block in nested:
            for item in block:
                if isinstance(item, ast.ExceptHandler):
                    if item.name:
                        scope.names[item.name] = _UNKNOWN
                    _visit(item.body, scope, lines, first_line, report)
                else:
                    _visit([item], scope, lines, first_line, report)


def _check_nodes(roots, scope: _Scope, lines, first_line: int, report) -> None:
    """Check the calls and attribute chains under ``roots`` (expressions or simple
    statements), each reported once."""
    seen: set[int] = set()
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, ast.Call):
                seen.add(id(node.func))
    for root in roots:
        for node in ast.walk(root):
            lineno = getattr(node, "lineno", 1)
            comment = _comment_near(lines, lineno)
            if comment and LEGACY_CONTEXT.search(comment):
                continue
            try:
                if isinstance(node, ast.Call):
                    problems = _check_call(node, scope)
                elif isinstance(node, ast.Attribute) and _is_tag_key(node):
                    _mark_chain(node, seen)
                    continue
                elif (
                    isinstance(node, ast.Attribute)
                    and id(node) not in seen
                    and not isinstance(node.ctx, ast.Store)
                ):
                    _mark_chain(node, seen)
                    _resolve(node, scope)
                    problems = []
                else:
                    continue
            except _Problem as problem:
                problems = [str(problem)]
            for problem in problems:
                report(problem, first_line + lineno - 1, _short(node))
            if isinstance(node, ast.Attribute):
                _mark_chain(node, seen)


def _short(node: ast.AST) -> str:
    """A call as a reader recognises it: ``client.create_endpoint(name=..., config=...)``."""
    if not isinstance(node, ast.Call):
        return ast.unparse(node)
    args = ["..." for _ in node.args] + [
        f"{k.arg}=..." if k.arg else "**..." for k in node.keywords
    ]
    return f"{ast.unparse(node.func)}({', '.join(args)})"


def _mark_chain(node: ast.AST, seen: set[int]) -> None:
    while isinstance(node, ast.Attribute):
        seen.add(id(node))
        node = node.value


def _comment_near(lines: list[str], lineno: int) -> str:
    """The comments on line ``lineno`` (1-based) of a snippet and on the line before."""
    found = []
    for index in (lineno - 2, lineno - 1):
        if 0 <= index < len(lines) and "#" in lines[index]:
            found.append(lines[index].split("#", 1)[1])
    return " ".join(found)


def _parse_inline(text: str):
    """Parse an inline quote as a Python expression, closing what prose left open."""
    candidate = " ".join(text.split()).rstrip(",")
    for _ in range(4):
        try:
            return ast.parse(candidate, mode="eval")
        except SyntaxError:
            opened = candidate.count("(") - candidate.count(")")
            if opened <= 0:
                return None
            candidate = candidate.rstrip(", ") + ")" * opened
    return None


# ---------------------------------------------------------------------------------------
# Sources: pages, notebooks, question banks


class _Collector:
    def __init__(self, path: Path):
        self.path = path
        self.scope = _Scope()
        self.findings: list[Finding] = []
        self.cell: int | None = None

    def code(self, source: str, first_line: int) -> None:
        lines = source.splitlines()
        cleaned = "\n".join(
            "" if line.lstrip().startswith(("%", "!", ":")) else line for line in lines
        )
        try:
            tree = ast.parse(cleaned)
        except SyntaxError as error:
            self.findings.append(
                Finding(
                    self.path,
                    first_line + (error.lineno or 1) - 1,
                    (error.text or "").strip(),
                    f"the code block is not valid Python, so its calls cannot be checked "
                    f"({error.msg})",
                    self.cell,
                )
            )
            return

        def report(problem, line=first_line, call=""):
            self.findings.append(Finding(self.path, line, call, problem, self.cell))

        _check_tree(tree, self.scope, lines, first_line, report)

    def prose(self, text: str, first_line: int) -> None:
        """Inline code in one paragraph (or table row) starting at ``first_line``."""
        if LEGACY_CONTEXT.search(_INLINE_CODE.sub(" ", text)):
            return  # the paragraph discusses an old API on purpose
        for match in _INLINE_CODE.finditer(text):
            quote = match.group(2).strip()
            if not _WORTH_PARSING.search(quote) or quote.startswith("mlflow "):
                continue
            tree = _parse_inline(quote)
            if tree is None:
                continue
            line = first_line + text.count("\n", 0, match.start())

            def report(problem, _line=None, _call=None, line=line, quote=quote):
                self.findings.append(Finding(self.path, line, quote, problem, self.cell))

            _check_tree(tree, self.scope, [quote], line, report)


def _markdown(collector: _Collector, text: str, first_line: int = 1) -> None:
    """Walk Markdown: Python fences are code, other fences are skipped, directive fences
    (admonitions...) hold prose, and prose is checked paragraph by paragraph."""
    lines = text.splitlines()
    stack: list[str] = []  # open directive fences (their marker)
    paragraph: list[str] = []
    start = 0
    i = 0

    def flush():
        nonlocal paragraph
        if paragraph:
            collector.prose("\n".join(paragraph), first_line + start)
        paragraph = []

    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            flush()
            marker, info = fence.group(2), fence.group(3)
            if not info and stack and marker[0] == stack[-1][0] and len(marker) >= len(stack[-1]):
                stack.pop()
                i += 1
                continue
            word = info.split()[0] if info else ""
            if info.startswith("{") and word != "{code-cell}":
                stack.append(marker)
                i += 1
                continue
            end = i + 1
            while end < len(lines):
                closing = _FENCE.match(lines[end])
                if (
                    closing
                    and not closing.group(3)
                    and closing.group(2)[0] == marker[0]
                    and len(closing.group(2)) >= len(marker)
                ):
                    break
                end += 1
            if word in PYTHON_FENCES or (word == "{code-cell}" and "python" in info):
                collector.code("\n".join(lines[i + 1 : end]), first_line + i + 1)
            i = end + 1
            continue
        if not line.strip() or line.lstrip().startswith("|") or line.startswith(":"):
            flush()
            if line.lstrip().startswith("|"):
                start = i
                paragraph = [line]
                flush()
        else:
            if not paragraph:
                start = i
            paragraph.append(line)
        i += 1
    flush()


def _front_matter_lines(text: str) -> int:
    match = re.match(r"\A---\s*\n.*?\n---\s*\n", text, re.DOTALL)
    return match.group(0).count("\n") if match else 0


def check_markdown(path: Path | str) -> list[Finding]:
    """Findings for one MyST page."""
    path = Path(path)
    text = path.read_text(encoding="utf-8")
    skip = _front_matter_lines(text)
    collector = _Collector(path)
    body = "\n".join(text.splitlines()[skip:])
    _markdown(collector, body, first_line=skip + 1)
    return collector.findings


def check_notebook(path: Path | str) -> list[Finding]:
    """Findings for one notebook: its Markdown cells and its code cells (except cells
    tagged ``raises-exception``, which fail on purpose)."""
    path = Path(path)
    notebook = json.loads(path.read_text(encoding="utf-8"))
    collector = _Collector(path)
    for number, cell in enumerate(notebook.get("cells", []), start=1):
        source = "".join(cell.get("source", []))
        collector.cell = number
        if cell.get("cell_type") == "markdown":
            _markdown(collector, source, first_line=1)
        elif cell.get("cell_type") == "code":
            if "raises-exception" in cell.get("metadata", {}).get("tags", []):
                continue  # fails on purpose: the error it shows is the lesson
            collector.code(source, 1)
    return collector.findings


def check_bank(path: Path | str) -> list[Finding]:
    """Findings for one question bank: inline code in stems, options, reasons and
    explanations. Wrong options are skipped (a distractor may quote a legacy call on
    purpose); their reasons are checked. Lines are the YAML file's."""
    import yaml

    path = Path(path)
    text = path.read_text(encoding="utf-8")
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    findings: list[Finding] = []
    for question in _mapping(root).get("questions", yaml.SequenceNode("", [])).value:
        fields = _mapping(question)
        qid = fields.get("id")
        collector = _Collector(path)
        texts = [fields.get("stem"), fields.get("explanation")]
        options = fields.get("options")
        for option in options.value if options is not None else []:
            option_fields = _mapping(option)
            correct = option_fields.get("correct")
            if correct is not None and correct.value == "true":
                texts.append(option_fields.get("text"))
            texts.append(option_fields.get("reason"))
        for node in texts:
            if node is not None and isinstance(node.value, str):
                collector.prose(node.value, node.start_mark.line + 1)
        for finding in collector.findings:
            where = f"{finding.problem} (question {qid.value if qid else '?'})"
            findings.append(Finding(finding.path, finding.line, finding.call, where))
    return findings


def _mapping(node) -> dict:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: value for key, value in node.value}


def check_all(repo_root: Path | str, counts: dict[str, int] | None = None) -> list[Finding]:
    """Findings for every page under ``book/``, notebook under ``notebooks/`` and bank
    under ``questions/`` (the mock pool's in ``questions/mock/`` included). ``counts``, when
    given, receives how many quoted calls were checked against each pinned package
    (``"MLflow"``, ``"databricks-sdk 0.167.0"``, ...)."""
    global _COUNTS
    _COUNTS = counts
    try:
        return _check_all(Path(repo_root))
    finally:
        _COUNTS = None


def _check_all(root: Path) -> list[Finding]:
    findings = []
    for page in sorted(root.glob("book/**/*.md")):
        findings += check_markdown(page)
    for notebook in sorted(root.glob("notebooks/**/*.ipynb")):
        if ".ipynb_checkpoints" not in notebook.parts:
            findings += check_notebook(notebook)
    for bank in sorted(root.glob("questions/*.yml")) + sorted(root.glob("questions/mock/*.yml")):
        findings += check_bank(bank)
    return findings
