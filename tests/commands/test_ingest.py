"""`aifacts ingest` end to end: files in, sources, jobs and facts out, a summary per file."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from service.db.embedded import ensure_database
from tests.admin.pages import ARTICLE_HTML, Page, page_server
from tests.feeds.server import RSS, Resource, article_page, feed_server, rss

AIFACTS = Path(sys.executable).parent / "aifacts"
SCRATCH_DATABASE = "aifacts_cli_ingest"
FRENCH = (
    "OpenAI a signé un contrat de 12 milliards de dollars avec Amazon Web Services, selon "
    "l'entreprise. Le chiffre d'affaires d'OpenAI a atteint 4 milliards de dollars en 2030."
)
ITALIAN = (
    "OpenAI ha firmato un contratto da 12 miliardi di dollari con Amazon Web Services, secondo "
    "l'azienda. Il fatturato di OpenAI ha raggiunto 4 miliardi di dollari nel 2030."
)
SUMMARY_ROW = re.compile(
    r"^(?P<file>\S+)\s+(?P<language>\S+)\s+(?P<source_id>\S+)\s+"
    r"(?P<status>new|already ingested|failed)\s+"
    r"(?P<figures>\d+)\s+(?P<deals>\d+)\s+(?P<companies>\d+)$",
    re.MULTILINE,
)


def _libpq(url: str, database: str) -> str:
    parsed = make_url(url).set(drivername="postgresql", database=database)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture
def scratch_url(server_url: str) -> Iterator[str]:
    """An empty database of its own on the test server, dropped afterwards."""
    admin = _libpq(server_url, "postgres")
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
        sql.Identifier(SCRATCH_DATABASE)
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(drop)
    ensure_database(admin, SCRATCH_DATABASE)
    yield make_url(server_url).set(database=SCRATCH_DATABASE).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(drop)


@pytest.fixture
def articles(tmp_path: Path) -> dict[str, Path]:
    """The French and Italian versions of one article, and a manifest naming the French one."""
    french, italian = tmp_path / "lumen-fr.txt", tmp_path / "lumen-it.txt"
    french.write_text(FRENCH, encoding="utf-8")
    italian.write_text(ITALIAN, encoding="utf-8")
    manifest = {
        "documents": [
            {
                "file": french.name,
                "language": "fr",
                "published_on": "2031-03-02",
                "url": "https://news.example/fr/openai-aws",
                "publisher": "Example News",
                "title": "OpenAI et AWS",
            }
        ]
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return {"fr": french, "it": italian, "manifest": tmp_path / "manifest.json"}


def ingest(
    database_url: str, *args: str | Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AIFACTS_")}
    environment.update(env or {}, AIFACTS_DATABASE_URL=database_url)
    return subprocess.run(
        [str(AIFACTS), "ingest", *map(str, args)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def summary(stdout: str) -> dict[str, dict[str, str]]:
    """The summary table's rows, by file name."""
    return {row["file"]: row.groupdict() for row in SUMMARY_ROW.finditer(stdout)}


def query(database_url: str, statement: str, *params: Any) -> list[tuple[Any, ...]]:
    with psycopg.connect(_libpq(database_url, SCRATCH_DATABASE)) as conn:
        return conn.execute(statement, params).fetchall()


def source_of(database_url: str, text: str) -> tuple[Any, ...]:
    digest = hashlib.sha256(text.encode()).hexdigest()
    [row] = query(
        database_url,
        "SELECT s.id, s.language, s.published_on::text, s.url, j.status, j.figures_count,"
        " j.deals_count, j.companies_count FROM sources s JOIN ingest_jobs j ON j.source_id = s.id"
        " WHERE s.sha256 = %s",
        digest,
    )
    return row


def cited_figures(database_url: str, source_id: int) -> set[int]:
    rows = query(
        database_url, "SELECT DISTINCT figure_id FROM citations WHERE source_id = %s", source_id
    )
    return {figure_id for (figure_id,) in rows if figure_id is not None}


def test_both_language_versions_are_ingested_and_corroborate_each_other(
    scratch_url: str, articles: dict[str, Path]
) -> None:
    done = ingest(
        scratch_url,
        articles["fr"],
        articles["it"],
        "--manifest",
        articles["manifest"],
        "--published-on",
        "2031-03-03",
        "--language",
        "it",
    )

    assert done.returncode == 0, done.stderr
    rows = summary(done.stdout)
    assert set(rows) == {"lumen-fr.txt", "lumen-it.txt"}
    for language, text in (("fr", FRENCH), ("it", ITALIAN)):
        row = rows[f"lumen-{language}.txt"]
        source_id, stored_language, _, _, job_status, figures, deals, companies = source_of(
            scratch_url, text
        )
        assert (row["status"], row["language"], row["source_id"]) == (
            "new",
            language,
            str(source_id),
        )
        assert (stored_language, job_status) == (language, "succeeded")
        assert (row["figures"], row["deals"], row["companies"]) == tuple(
            map(str, (figures, deals, companies))
        )
        assert len(cited_figures(scratch_url, source_id)) == figures
    french, italian = source_of(scratch_url, FRENCH), source_of(scratch_url, ITALIAN)
    assert french[2:4] == ("2031-03-02", "https://news.example/fr/openai-aws")
    assert italian[2:4] == ("2031-03-03", None)
    assert french[5] >= 1
    assert cited_figures(scratch_url, french[0]) == cited_figures(scratch_url, italian[0])
    assert "[2/2] lumen-it.txt: new" in done.stderr


def test_ingesting_the_same_files_again_changes_nothing(
    scratch_url: str, articles: dict[str, Path]
) -> None:
    first = ingest(scratch_url, articles["fr"], "--manifest", articles["manifest"])
    counts = "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM figures)"
    before = query(scratch_url, counts)

    again = ingest(scratch_url, articles["fr"], "--manifest", articles["manifest"])

    assert (first.returncode, again.returncode) == (0, 0), again.stderr
    first_row, again_row = summary(first.stdout)["lumen-fr.txt"], summary(again.stdout)
    assert again_row["lumen-fr.txt"] == first_row | {"status": "already ingested"}
    assert query(scratch_url, counts) == before


def test_a_file_without_publication_date_fails_alone_and_the_exit_code_says_so(
    scratch_url: str, articles: dict[str, Path]
) -> None:
    done = ingest(scratch_url, articles["it"], articles["fr"], "--manifest", articles["manifest"])

    assert done.returncode == 1
    rows = summary(done.stdout)
    assert (rows["lumen-it.txt"]["status"], rows["lumen-it.txt"]["source_id"]) == ("failed", "-")
    assert rows["lumen-fr.txt"]["status"] == "new"
    assert "lumen-it.txt: no manifest entry and no --published-on" in done.stdout
    assert query(scratch_url, "SELECT count(*) FROM sources WHERE text IS NOT NULL") == [(1,)]


def test_unreadable_manifest_is_refused_before_anything_runs(
    scratch_url: str, articles: dict[str, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")

    done = ingest(scratch_url, articles["fr"], "--manifest", broken)

    assert done.returncode == 2
    assert "not a readable manifest" in done.stderr
    assert query(scratch_url, "SELECT count(*) FROM pg_tables WHERE tablename = 'sources'") == [
        (0,)
    ]


def test_urls_and_saved_html_pages_are_ingested(scratch_url: str, tmp_path: Path) -> None:
    saved = tmp_path / "lumen.html"
    saved.write_text(ARTICLE_HTML, encoding="utf-8")
    with page_server() as web:
        web.pages["/article"] = Page(body=ARTICLE_HTML.replace("Lumen AI", "Umbra AI"))
        done = ingest(
            scratch_url,
            f"{web.base}/article",
            saved,
            env={"AIFACTS_FETCH_ALLOW_HOSTS": "127.0.0.1"},
        )

    assert done.returncode == 0, done.stdout + done.stderr
    rows = summary(done.stdout)
    assert rows[f"{web.base}/article"]["status"] == "new"
    assert rows["lumen.html"]["status"] == "new"
    fetched = query(scratch_url, "SELECT final_url FROM sources WHERE final_url IS NOT NULL")
    assert fetched == [(f"{web.base}/article",)]


def test_a_feeds_articles_are_ingested_once_and_again_change_nothing(scratch_url: str) -> None:
    allow = {"AIFACTS_FETCH_ALLOW_HOSTS": "127.0.0.1"}
    with feed_server() as web:
        web.resources["/wire/one"] = Resource(
            body=article_page(
                "Quorra Labs results", "Quorra Labs said its revenue reached $40 million in 2024."
            )
        )
        web.resources["/wire/two"] = Resource(
            body=article_page(
                "Brightvale order", "Brightvale Systems raised $120 million in a Series C round."
            )
        )
        items = [("q-1", "/wire/one", "Quorra results"), ("b-2", "/wire/two", "Brightvale round")]
        web.resources["/rss"] = Resource(body=rss(web.base, items), content_type=RSS)
        first = ingest(scratch_url, "--feed", f"{web.base}/rss", env=allow)
        again = ingest(scratch_url, "--feed", f"{web.base}/rss", env=allow)

    assert first.returncode == 0, first.stdout + first.stderr
    rows = summary(first.stdout)
    assert {rows[f"{web.base}/wire/one"]["status"], rows[f"{web.base}/wire/two"]["status"]} == {
        "new"
    }
    assert again.returncode == 0, again.stdout + again.stderr
    assert {row["status"] for row in summary(again.stdout).values()} == {"already ingested"}
    fetched = query(scratch_url, "SELECT final_url FROM sources WHERE final_url IS NOT NULL")
    assert sorted(fetched) == [(f"{web.base}/wire/one",), (f"{web.base}/wire/two",)]
    revenue = query(scratch_url, "SELECT count(*) FROM figures WHERE metric_slug = 'revenue'")
    assert revenue[0][0] >= 1


def test_a_feed_at_an_inside_address_is_refused_before_anything_is_ingested(
    scratch_url: str,
) -> None:
    done = ingest(scratch_url, "--feed", "http://127.0.0.1:9/rss")

    assert done.returncode == 1
    assert "feed not ingested" in done.stderr
    assert "AIFACTS_FETCH_ALLOW_HOSTS" in done.stderr
