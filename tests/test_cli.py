"""The ``vzkg`` command: every command with good input (exact output) and bad input (one
``Error:`` line, the documented exit code, no traceback)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from vzkg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = "000_d4642c25d83ac452.txt"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def assert_error(result: Result, code: int, pattern: str) -> None:
    """One ``Error:`` line on stderr matching *pattern*, nothing on stdout, no traceback."""
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: "), lines
    assert re.search(pattern, lines[0]), lines[0]
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


# -- help and documentation ----------------------------------------------------------------------

COMMANDS = sorted(cli.commands)  # type: ignore[attr-defined]


def test_commands_are_the_documented_set() -> None:
    assert COMMANDS == [
        "cite",
        "describe",
        "evidence",
        "export",
        "load",
        "push",
        "queries",
        "query",
        "search",
        "serve",
        "stats",
        "timeline",
        "validate",
    ]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert cli.commands[command].help  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"vzkg {command}" in readme


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == "vzkg, version 0.1.0\n"


def test_unknown_option_is_one_error_line() -> None:
    assert_error(run("query", "--bogus"), 2, r"No such option '--bogus'.*vzkg query --help")


def test_unknown_command() -> None:
    assert_error(run("frobnicate"), 2, r"No such command 'frobnicate'")


# -- query ---------------------------------------------------------------------------------------

PEOPLE = (
    "SELECT ?name ?qid WHERE { ?p a schema:Person ; rdfs:label ?name ; owl:sameAs ?qid "
    "FILTER(lang(?name) = 'en' && CONTAINS(?name, 'Ma')) } ORDER BY ?name"
)


def test_query_table() -> None:
    result = run("query", PEOPLE)
    assert result.exit_code == 0
    assert result.stdout == (
        "name            qid\n--------------  ---------\nNicolás Maduro  wd:Q58132\n"
    )


def test_query_csv_json_tsv_xml() -> None:
    # click's Result.stdout folds CRLF; the bytes keep the CSV format's CRLF line ends
    assert run("query", PEOPLE, "-f", "csv").stdout_bytes == (
        "name,qid\r\nNicolás Maduro,http://www.wikidata.org/entity/Q58132\r\n".encode()
    )
    assert run("query", PEOPLE, "-f", "tsv").stdout == (
        '?name\t?qid\n"Nicolás Maduro"@en\t<http://www.wikidata.org/entity/Q58132>\n'
    )
    document = json.loads(run("query", PEOPLE, "-f", "json").stdout)
    assert document == {
        "head": {"vars": ["name", "qid"]},
        "results": {
            "bindings": [
                {
                    "name": {"type": "literal", "value": "Nicolás Maduro", "xml:lang": "en"},
                    "qid": {"type": "uri", "value": "http://www.wikidata.org/entity/Q58132"},
                }
            ]
        },
    }
    xml = run("query", PEOPLE, "-f", "xml").stdout
    assert '<literal xml:lang="en">Nicolás Maduro</literal>' in xml


def test_query_ask_and_construct() -> None:
    assert run("query", "ASK { vz:nicolas-maduro owl:sameAs wd:Q58132 }").stdout == "yes\n"
    result = run(
        "query", "CONSTRUCT { vz:cecot rdfs:label ?l } WHERE { vz:cecot rdfs:label ?l }", "-f", "nt"
    )
    assert result.stdout == (
        "<https://w3id.org/vzkg/id/cecot> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"Centro de Confinamiento del Terrorismo"@es .\n'
        "<https://w3id.org/vzkg/id/cecot> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"Terrorism Confinement Center"@en .\n'
    )


def test_query_from_file_and_stdin(tmp_path: Path) -> None:
    query_file = tmp_path / "q.rq"
    query_file.write_text(PEOPLE, encoding="utf-8")
    from_file = run("query", "--file", str(query_file))
    from_stdin = run("query", "-", stdin=PEOPLE)
    assert from_file.stdout == from_stdin.stdout == run("query", PEOPLE).stdout


def test_query_named_with_param() -> None:
    result = run("query", "--name", "quotes-by-speaker", "--param", "speaker=Q22686", "--full")
    assert result.exit_code == 0
    assert result.stdout == (
        "name          date     words\n"
        "------------  -------  -----------------\n"
        "Donald Trump  2025-02  at the rapid pace\n"
    )


def test_query_output_file_is_written(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    result = run("query", PEOPLE, "-f", "csv", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert target.read_bytes().startswith(b"name,qid\r\n")
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_query_syntax_error_names_line_and_column() -> None:
    result = run("query", "SELECT ?x WHERE {\n  ?x a \n}")
    assert_error(result, 2, r"SPARQL syntax error at line \d+, column \d+")


def test_query_errors() -> None:
    assert_error(run("query"), 2, r"give exactly one query")
    assert_error(run("query", "ASK {}", "--name", "timeline"), 2, r"give exactly one query")
    assert_error(
        run("query", "--name", "timelime"), 2, r"no named query 'timelime'; did you mean timeline"
    )
    assert_error(run("query", "--file", "/no/such.rq"), 2, r"no such file: /no/such.rq")
    assert_error(
        run("query", "--name", "timeline", "--param", "who=Trump"),
        2,
        r"no parameter 'who'; it takes: actor, from, to",
    )
    assert_error(run("query", "--name", "timeline", "--param", "actor"), 2, r"write name=value")
    assert_error(
        run("query", "--name", "timeline", "--param", "from=March"), 2, r"bad date 'March'"
    )
    assert_error(
        run("query", "--name", "quotes-by-speaker", "--param", "speaker=Nobody Atall"),
        2,
        r"no entity is called 'Nobody Atall'",
    )
    assert_error(run("query", "ASK {}", "-f", "turtle"), 2, r"cannot be written as turtle")
    assert_error(
        run("query", "CONSTRUCT WHERE { ?s a sem:Time }", "-f", "csv"), 2, r"returns a graph"
    )
    assert_error(run("query", "ASK {}", "-f", "yaml"), 2, r"Invalid value for '-f'")
    assert_error(run("query", "SELECT * { ?s nope:x ?o }"), 2, r"Unknown namespace prefix : nope")
    assert_error(run("query", "ASK {}", "-o", "/no/such/dir/out.txt"), 2, r"no such folder")


def test_query_with_extra_data_and_without_bundled(tmp_path: Path) -> None:
    extra = tmp_path / "extra.ttl"
    extra.write_text("<http://example.org/a> <http://www.w3.org/2000/01/rdf-schema#label> 'A' .\n")
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label 'A' }"
    assert run("query", count, "--data", str(extra), "-f", "csv").stdout == "n\n1\n"
    alone = "SELECT (COUNT(*) AS ?n) WHERE { ?s a schema:Person }"
    assert run("query", alone, "--data", str(extra), "--no-bundled", "-f", "csv").stdout == (
        "n\n0\n"
    )
    broken = tmp_path / "broken.ttl"
    broken.write_text("<http://example.org/a> <http://example.org/b> .\n")
    assert_error(
        run("query", count, "--data", str(broken)), 2, r"cannot parse .*broken.ttl as turtle"
    )
    assert_error(
        run("query", count, "--data", str(tmp_path / "x.csv")), 2, r"cannot tell the RDF syntax"
    )


# -- queries -------------------------------------------------------------------------------------


def test_queries_lists_the_library() -> None:
    result = run("queries")
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == sorted(p.stem for p in (ROOT / "examples" / "queries").glob("*.rq"))
    assert len(names) >= 15
    assert any(
        line.startswith("timeline ") and line.endswith("[actor=…] [from=…] [to=…]")
        for line in result.stdout.splitlines()
    )


# -- validate ------------------------------------------------------------------------------------

BAD_QUANTITY = """
@prefix schema: <https://schema.org/> .
<https://w3id.org/vzkg/id/test-quantity> a schema:QuantitativeValue ;
    schema:description "a number"@en ; schema:unitText "people" ; schema:value 3 ;
    <http://www.w3.org/2000/01/rdf-schema#label> "3 people"@en , "3 personas"@es .
"""


def test_validate_bundled_conforms() -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == "Conforms: the data satisfies every shape.\n"


def test_validate_reports_violations(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(BAD_QUANTITY, encoding="utf-8")
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert "Violation: vz:test-quantity\n  path:    vzkg:qualifier\n" in result.stdout
    assert "whether it is exact, approximate, a lower bound" in result.stdout
    assert "  shape:   vzsh:QuantityShape\n" in result.stdout
    assert result.stdout.endswith("Does not conform: 3 violations.\n")
    report = json.loads(run("validate", str(bad), "-f", "json").stdout)
    assert report["conforms"] is False
    assert {v["path"] for v in report["violations"]} == {
        "https://w3id.org/vzkg/ontology/evidence",
        "http://www.w3.org/ns/prov#wasDerivedFrom",
        "https://w3id.org/vzkg/ontology/qualifier",
    }
    turtle = run("validate", str(bad), "-f", "turtle").stdout
    assert "sh:conforms false" in turtle


def test_validate_custom_shapes(tmp_path: Path) -> None:
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "<http://example.org/s> a sh:NodeShape ; sh:targetClass schema:Person ;\n"
        "  sh:property [ sh:path schema:birthDate ; sh:minCount 1 ;"
        ' sh:message "needs a birth date" ] .\n',
        encoding="utf-8",
    )
    result = run("validate", "--shapes", str(shapes))
    assert result.exit_code == 1
    assert result.stdout.count("message: needs a birth date") == 6


def test_validate_bad_input(tmp_path: Path) -> None:
    broken = tmp_path / "broken.trig"
    broken.write_text("<a> { <b> <c> ", encoding="utf-8")
    assert_error(run("validate", str(broken)), 2, r"cannot parse .*broken.trig as trig")
    assert_error(run("validate", str(tmp_path / "missing.ttl")), 2, r"no such file")
    assert_error(run("validate", "-f", "html"), 2, r"Invalid value for '-f'")
    assert_error(run("validate", "--shapes", str(broken)), 2, r"cannot parse shapes")


# -- evidence ------------------------------------------------------------------------------------


def test_evidence_matches_the_source(source_dir: Path) -> None:
    result = run("evidence", "--source", str(source_dir / ARTICLE))
    assert result.exit_code == 0, result.stdout
    assert result.stdout == (
        f"vz:article-d4642c25d83ac452 against {source_dir / ARTICLE}\n  92 quotes checked, ok\n"
    )
    assert run("evidence", "--source", str(source_dir)).exit_code == 0


def test_evidence_reports_drift(source_dir: Path, tmp_path: Path) -> None:
    text = (source_dir / ARTICLE).read_text(encoding="utf-8")
    drifted = tmp_path / ARTICLE
    # " (AFP)" inserted at the top shifts every later offset by 6; one quote is reworded
    drifted.write_text(
        text.replace("CARACAS:", "CARACAS (AFP):").replace("about 900", "nearly 900"),
        encoding="utf-8",
    )
    result = run("evidence", "--source", str(drifted))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"vz:article-d4642c25d83ac452 against {drifted}"
    assert lines[1] == (
        "  vz:evidence-d4642c25d83ac452-26-45: quote 'Venezuela announced' is at 32-51, "
        "not at 26-45"
    )
    assert (
        "  vz:evidence-d4642c25d83ac452-1321-1342: quote 'about 900 Venezuelans' is not in the "
        "source (offsets 1321-1342)"
    ) in lines
    assert (
        "  vz:evidence-d4642c25d83ac452-2905-2913: quote 'told AFP' is at 2912-2920, "
        "not at 2905-2913"
    ) in lines
    assert (
        "  note: the file's SHA-256 differs from the schema:sha256 of the article's text" in lines
    )
    assert lines[-1] == "  92 quotes checked, 92 mismatched"


def test_evidence_reads_the_folder_in_vzkg_source_dir(source_dir: Path) -> None:
    result = CliRunner(env={"VZKG_SOURCE_DIR": str(source_dir)}).invoke(cli, ["evidence"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("92 quotes checked, ok\n")


def test_evidence_bad_input(tmp_path: Path, source_dir: Path) -> None:
    assert_error(run("evidence", "--source", str(tmp_path / "none.txt")), 2, r"no such file")
    assert_error(
        run("evidence", "--source", str(tmp_path)),
        2,
        r"has no text for article\(s\): 000_d4642c25d83ac452",
    )
    other = tmp_path / "other.txt"
    other.write_text("unrelated text", encoding="utf-8")
    assert_error(run("evidence", "--source", str(other)), 2, r"no single article")
    bare = CliRunner(env={"VZKG_SOURCE_DIR": None}).invoke(cli, ["evidence"])
    assert_error(bare, 2, r"--source PATH, or the folder in \$VZKG_SOURCE_DIR")
    copy = tmp_path / "copy.txt"
    shutil.copy(source_dir / ARTICLE, copy)
    named = run("evidence", "--source", str(copy), "--article", "vz:article-d4642c25d83ac452")
    assert named.exit_code == 0


# -- export --------------------------------------------------------------------------------------


def test_export_formats(tmp_path: Path) -> None:
    nt = run("export", "-f", "nt")
    assert nt.exit_code == 0
    assert nt.stdout.count("\n") == len(set(nt.stdout.splitlines()))
    assert run("export", "-f", "nt").stdout == nt.stdout
    target = tmp_path / "kg.trig"
    assert run("export", "-o", str(target)).exit_code == 0
    blocks = re.findall(r"^(\S+) \{$", target.read_text(), re.MULTILINE)
    assert blocks == ["vzg:d4642c25d83ac452", "vzg:entailed", "vzg:entities", "vzg:ontology"]
    turtle = run("export").stdout
    assert turtle.startswith("@prefix dcterms: <http://purl.org/dc/terms/> .\n")
    assert "schema1:" not in turtle and "ns1:" not in turtle


def test_export_bad_input(tmp_path: Path) -> None:
    assert_error(
        run("export", "-o", str(tmp_path / "kg.docx")), 2, r"cannot tell the export format"
    )
    assert_error(run("export", "-f", "csv"), 2, r"Invalid value for '-f'")


# -- describe ------------------------------------------------------------------------------------


def test_describe_an_entity() -> None:
    result = run("describe", "Guaidó", "--full")
    assert result.exit_code == 0
    assert result.stdout == (
        "Juan Guaidó (vz:juan-guaido)\n"
        "\n"
        "Facts:\n"
        "  rdf:type: schema:Person\n"
        "  rdfs:label: Juan Guaidó @en\n"
        "  rdfs:label: Juan Guaidó @es\n"
        "  owl:sameAs: wd:Q58833335\n"
        "  schema:alternateName: Guaido @en\n"
        "  schema:alternateName: Juan Guaido @en\n"
        "\n"
        "Roles:\n"
        "  leader of Venezuelan opposition (2018/2019)\n"
        "      “then-opposition leader Juan Guaido”\n"
        "\n"
        "Took part in:\n"
        "  2018/2019 as target: Washington recognizes Juan Guaidó as interim president\n"
        "      “Juan Guaido as “interim president””\n"
    )


def test_describe_by_qid_curie_and_iri_agree() -> None:
    by_name = run("describe", "Maduro").stdout
    assert "Said:\n  2025-03-22 claim: Maduro said the men sent to El Salvador never" in by_name
    assert run("describe", "Q58132").stdout == by_name
    assert run("describe", "vz:nicolas-maduro").stdout == by_name
    assert run("describe", "https://w3id.org/vzkg/id/nicolas-maduro").stdout == by_name


def test_describe_unknown_entity_suggests() -> None:
    assert_error(
        run("describe", "Madurro"),
        2,
        r"no entity is called 'Madurro'; did you mean 'Maduro'\?$",
    )
    assert_error(run("describe", "Q1"), 2, r"no entity is linked to Wikidata Q1")
    assert_error(run("describe", "vz:nobody"), 2, r"nothing in the graph is called vz:nobody")
    assert_error(run("describe", "Salvador"), 2, r"could be any of vz:el-salvador")


# -- timeline ------------------------------------------------------------------------------------


def test_timeline_filtered() -> None:
    result = run(
        "timeline",
        "--from",
        "2025-03-21",
        "--to",
        "2025-03-23",
        "--actor",
        "Washington",
        "-f",
        "csv",
    )
    assert result.exit_code == 0
    rows = result.stdout.split("\n")
    assert rows[0] == "date,event,what,type,status"
    assert [row.split(",")[0] for row in rows[1:-1]] == [
        "2024/2025-03-23",
        "2025-02/2025-03-22",
        "2025-03-12/2025-03-23",
        "2025-03-21",
        "2025-03-21/..",
        "2025-03-23",
    ]
    assert rows[-2].endswith(",repatriation flight,planned")


def test_timeline_dates_at_their_precision() -> None:
    table = run("timeline", "--full").stdout.splitlines()
    dates = [line.split("  ")[0] for line in table[2:]]
    assert {"2019", "2025-02", "2025-03-22", "2025-02/2025-03-22"} <= set(dates)


def test_timeline_bad_input() -> None:
    assert_error(run("timeline", "--from", "yesterday"), 2, r"bad date 'yesterday'")
    assert_error(run("timeline", "--to", "2025-13"), 2, r"bad date '2025-13'")
    assert_error(run("timeline", "--actor", "Nobody Atall"), 2, r"no entity is called")


# -- stats ---------------------------------------------------------------------------------------


def test_stats() -> None:
    counts = json.loads(run("stats", "-f", "json").stdout)
    assert counts["sources"] == 1
    assert counts["quotations"] == 5
    assert counts["events"] == 26
    assert counts["entities"]["schema:Person"] == 6
    assert counts["triples"] == sum(counts["graphs"].values())
    table = run("stats").stdout
    assert re.search(r"^triples\s+\d+$", table, re.MULTILINE)
    assert re.search(r"^evidence spans\s+92$", table, re.MULTILINE)


def test_stats_bad_input() -> None:
    assert_error(run("stats", "-f", "xml"), 2, r"Invalid value for '-f'")


def test_fast_help_is_clicks_own(tmp_path: Path) -> None:
    """`vzkg --help` prints a kept copy of click's help without importing click; it must be
    exactly what click prints, at 80 columns and at any narrower width (where click runs)."""
    import os
    import subprocess
    import sys

    for columns in ("80", "120", "60"):
        env = {**os.environ, "COLUMNS": columns}
        fast = subprocess.run(
            [sys.executable, "-m", "vzkg", "--help"], env=env, capture_output=True, text=True
        )
        click_help = subprocess.run(
            [
                sys.executable,
                "-c",
                "from vzkg.cli import cli; cli.main(['--help'], prog_name='vzkg')",
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        assert fast.returncode == click_help.returncode == 0
        assert fast.stdout == click_help.stdout, (
            f"run: python tools/gen_help.py ({columns} columns)"
        )
    version = subprocess.run(
        [sys.executable, "-m", "vzkg", "--version"], capture_output=True, text=True, cwd=tmp_path
    )
    assert version.stdout == "vzkg, version 0.1.0\n"


def test_shell_completion_completes_commands() -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "_VZKG_COMPLETE": "bash_complete",
        "COMP_WORDS": "vzkg ti",
        "COMP_CWORD": "1",
    }
    done = subprocess.run([sys.executable, "-m", "vzkg"], env=env, capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stdout.splitlines() == ["plain,timeline"]


def test_queries_rejects_arguments() -> None:
    assert_error(run("queries", "extra"), 2, r"unexpected extra argument \(extra\)")


_SELECT_STAR = (
    "import json, vzkg\n"
    "from vzkg.results import format_result\n"
    "r = vzkg.query(vzkg.load(bundled=False, ontology=False),\n"
    "    'SELECT * WHERE { BIND(1 AS ?a) BIND(2 AS ?b) BIND(3 AS ?c) }')\n"
    "out = {f: format_result(r, f) for f in ('table', 'csv', 'tsv', 'json', 'xml')}\n"
    "out['column'] = [str(r.column(v)[0]) for v in ('a', 'b', 'c')]\n"
    "print(json.dumps(out))\n"
)


def test_select_star_moves_values_with_their_variables() -> None:
    # regression: the header followed the query, the row followed rdflib's set order
    import os
    import subprocess
    import sys

    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _SELECT_STAR],
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
            text=True,
        )
        for seed in ("0", "1", "2", "3", "4", "5")
    ]
    outputs = [json.loads(run.communicate(timeout=60)[0]) for run in runs]
    assert all(out == outputs[0] for out in outputs)
    out = outputs[0]
    assert out["csv"] == "a,b,c\r\n1,2,3\r\n"
    integer = "^^<http://www.w3.org/2001/XMLSchema#integer>"
    assert out["tsv"] == f'?a\t?b\t?c\n"1"{integer}\t"2"{integer}\t"3"{integer}\n'
    assert out["table"].splitlines()[0::2] == ["a  b  c", "1  2  3"]
    bindings = json.loads(out["json"])["results"]["bindings"][0]
    assert {v: bindings[v]["value"] for v in "abc"} == {"a": "1", "b": "2", "c": "3"}
    assert re.findall(r'<binding name="(.)"><literal [^>]*>(.)<', out["xml"]) == [
        ("a", "1"),
        ("b", "2"),
        ("c", "3"),
    ]
    assert out["column"] == ["1", "2", "3"]


# -- the default engine: Oxigraph, unless it would change the data ---------------------------------


@pytest.mark.parametrize(
    ("statement", "refused"),
    [
        ('"+7"^^<http://www.w3.org/2001/XMLSchema#int>', r"^Warning: Oxigraph keeps 1 literal "),
        ('"x"@a', r"^Error: Oxigraph cannot store the language tag 'a'$"),
    ],
)
def test_the_default_engine_never_changes_the_data(
    tmp_path: Path, statement: str, refused: str
) -> None:
    line = f"<http://example.org/s> <http://example.org/p> {statement} .\n"
    data = tmp_path / "mine.nt"
    data.write_text(line, encoding="utf-8")
    export = ["export", "-f", "nt", "--no-bundled", "--data", str(data)]
    default = CliRunner().invoke(cli, export)
    assert (default.exit_code, default.stderr) == (0, "")
    assert line in default.stdout
    assert default.stdout == run(*export, "--store", "rdflib").stdout
    chosen = CliRunner().invoke(cli, [*export, "--store", "oxigraph"])  # said, not hidden
    assert re.search(refused, chosen.stderr.strip())
    assert line not in chosen.stdout
