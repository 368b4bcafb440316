#!/usr/bin/env python3
"""Check that the documentation the guide cites still answers.

    python scripts/check_links.py [--list] [--retries 3] [--timeout 20]

Collects every ``https`` link the pages and notebooks cite (as the Sources page does, see
:mod:`mlpro_guide.content.sources`) and every question bank ``reference.url``, then requests each
URL once (HEAD, then GET when a server refuses HEAD), retrying network errors, 429 and
5xx answers with a growing pause. A URL fails when it is gone (404, 410) or never answers;
other refusals (401, 403: some sites turn away scripts) are printed as warnings. Exits 1
when a URL fails.

This needs the network, so it is not part of ``scripts/test.sh``; the scheduled workflow
``.github/workflows/link-check.yml`` runs it. ``--list`` prints the URLs and where they are
cited, without any request.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from mlpro_guide.content.questions import load_all_banks  # noqa: E402
from mlpro_guide.content.sources import _LINK, cited_links  # noqa: E402

LOCAL_HOSTS = ("https://127.0.0.1", "https://localhost")
GONE = {404, 410}
RETRY = {429, 500, 502, 503, 504}
USER_AGENT = "mlpro-guide-link-check/1.0 (+scheduled documentation link check)"


def _notebook_links(path: Path) -> list[str]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    urls = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") == "markdown":
            text = "".join(cell.get("source", []))
            urls += [url or bare for _, url, bare in _LINK.findall(text)]
    return urls


def collect_urls(root: Path = REPO_ROOT, questions_dir: Path | None = None) -> dict[str, list[str]]:
    """Every cited documentation URL -> where it is cited (relative paths, bank:question).

    Pages (``book/**/*.md``), notebook Markdown cells (``notebooks/**/*.ipynb``) and the
    question banks' references; links to this machine are left out.
    """
    root = Path(root)
    found: dict[str, list[str]] = {}

    def add(url: str, where: str) -> None:
        if url.startswith("https://") and not url.startswith(LOCAL_HOSTS):
            places = found.setdefault(url, [])
            if where not in places:
                places.append(where)

    for page in sorted((root / "book").rglob("*.md")):
        for _, url in cited_links(page):
            add(url, str(page.relative_to(root)))
    for notebook in sorted((root / "notebooks").rglob("*.ipynb")):
        if ".ipynb_checkpoints" in notebook.parts:
            continue
        for url in _notebook_links(notebook):
            add(url, str(notebook.relative_to(root)))
    banks = load_all_banks(questions_dir or root / "questions")
    for bank in banks.values():
        for question in bank.questions:
            if question.reference_url:
                folder = "questions/mock" if bank.pool else "questions"
                add(question.reference_url, f"{folder}/{bank.name}.yml:{question.id}")
    return dict(sorted(found.items()))


@dataclass
class Result:
    url: str
    status: int | None
    error: str = ""

    @property
    def failed(self) -> bool:
        return self.status is None or self.status in GONE

    @property
    def warning(self) -> bool:
        return not self.failed and self.status >= 400


def _request(url: str, method: str, timeout: float) -> int:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def check(url: str, retries: int = 3, timeout: float = 20, pause: float = 2.0) -> Result:
    """Request ``url``; retry network errors, 429 and 5xx up to ``retries`` more times."""
    error = ""
    for attempt in range(retries + 1):
        try:
            status = _request(url, "HEAD", timeout)
            if status in (403, 405, 501) or status in GONE:
                status = _request(url, "GET", timeout)
            if status not in RETRY:
                return Result(url, status)
            error = f"HTTP {status}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        if attempt < retries:
            time.sleep(pause * (attempt + 1))
    status = int(error[5:]) if error.startswith("HTTP ") else None
    return Result(url, status, error)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print the URLs, request nothing")
    parser.add_argument("--retries", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=20)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args(argv)
    urls = collect_urls()
    if args.list:
        for url, places in urls.items():
            print(f"{url}\n    cited in {', '.join(places)}")
        print(f"{len(urls)} URLs")
        return 0
    with ThreadPoolExecutor(args.workers) as pool:
        results = list(pool.map(lambda u: check(u, args.retries, args.timeout), urls))
    failed = [r for r in results if r.failed]
    warned = [r for r in results if r.warning]
    for label, group in (("FAILED", failed), ("WARNING", warned)):
        for result in group:
            print(f"{label} {result.url} ({result.error or f'HTTP {result.status}'})")
            print(f"    cited in {', '.join(urls[result.url])}")
    print(f"{len(results)} URLs checked: {len(failed)} failed, {len(warned)} warnings")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
