"""The GitHub side of the editors' workflow: workflows, issue form, PR template, pre-commit.

Schemas are check-jsonschema's vendored copies (no network: any attempt would hit a closed
proxy); the rest are the project's own rules — least privilege, pinned actions, no
``pull_request_target``, one deployment at a time, a nightly rebuild.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from build_tools.reading.models import Beneficiary

REPO = Path(__file__).resolve().parents[1]
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
CHECK = GITHUB / "workflows" / "check.yml"
PUBLISH = GITHUB / "workflows" / "publish.yml"
ISSUE_FORM = GITHUB / "ISSUE_TEMPLATE" / "segnala-un-bando.yml"
ISSUE_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
ERROR_FORM = GITHUB / "ISSUE_TEMPLATE" / "segnala-un-errore.yml"
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+?)@(\S+)(.*)$")
PINNED = re.compile(r"^[0-9a-f]{40}$")
VERSION_COMMENT = re.compile(r"^\s+#\s+v\d+\.\d+\.\d+\s*$")


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The ``on:`` block (YAML 1.1 reads a bare ``on`` key as ``True``)."""
    value = workflow.get("on", workflow.get(True))
    if isinstance(value, str):
        return {value: None}
    if isinstance(value, list):
        return {name: None for name in value}
    return value


def steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def step_using(workflow: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for _, step in steps(workflow) if str(step.get("uses", "")).startswith(action + "@")]


def offline_env() -> dict[str, str]:
    """The environment with every proxy pointing at a closed local port: no download can succeed."""
    env = dict(os.environ)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY"):
        env[name] = "http://127.0.0.1:9"
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    return env


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True, text=True, env=offline_env(), timeout=120,
    )


def test_the_expected_files_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"check.yml", "publish.yml"}
    for path in (ISSUE_FORM, ERROR_FORM, ISSUE_CONFIG, GITHUB / "pull_request_template.md", REPO / ".pre-commit-config.yaml"):
        assert path.is_file(), path


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_match_the_github_schema_offline(schema: str) -> None:
    result = check_jsonschema(schema, *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_form_and_config_match_their_schemas_offline() -> None:
    form = check_jsonschema("vendor.github-issue-forms", ISSUE_FORM, ERROR_FORM)
    assert form.returncode == 0, form.stdout + form.stderr
    config = check_jsonschema("vendor.github-issue-config", ISSUE_CONFIG)
    assert config.returncode == 0, config.stdout + config.stderr


def test_the_schema_check_really_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: pull_request\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n")
    result = check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode == 1, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(path: Path) -> None:
    workflow = load(path)
    assert workflow["permissions"] == {"contents": "read"}, "top level: read-only contents, nothing else"
    for job_id, job in workflow["jobs"].items():
        permissions = job.get("permissions", {})
        assert permissions != "write-all" and permissions != "read-all", job_id
        writes = {scope for scope, level in permissions.items() if level == "write"}
        if path == PUBLISH and job_id == "deploy":
            assert writes == {"pages", "id-token"}
            assert set(permissions) == {"pages", "id-token"}
        elif path == PUBLISH and job_id == "report":
            assert permissions == {"contents": "read", "issues": "write"}, "the nightly issue, and nothing else"
        else:
            assert not writes, f"{path.name}:{job_id} must not write"
            assert "id-token" not in permissions, f"{path.name}:{job_id} must not mint OIDC tokens"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in triggers(load(path))
    code = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.strip().startswith("#")]
    assert not any("pull_request_target" in line for line in code)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_sha_with_its_version(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if USES.match(line)]
    assert lines, "the workflow uses no action?"
    for line in lines:
        action, ref, rest = USES.match(line).groups()  # type: ignore[union-attr]
        assert PINNED.match(ref), f"{action}@{ref}: pin to a 40-hex commit SHA"
        assert VERSION_COMMENT.match(rest), f"{action}@{ref}: add the `# vX.Y.Z` it stands for"
    parsed = [step["uses"] for _, step in steps(load(path)) if "uses" in step]
    assert len(parsed) == len(lines)


def test_one_action_one_pin_across_workflows() -> None:
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for line in path.read_text(encoding="utf-8").splitlines():
            match = USES.match(line)
            if match:
                action, ref, rest = match.groups()
                pins.setdefault(action, set()).add(f"{ref}{rest.strip()}")
    assert all(len(refs) == 1 for refs in pins.values()), pins


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_concurrency_timeouts_and_credentials(path: Path) -> None:
    workflow = load(path)
    assert workflow["concurrency"]["group"]
    for job_id, job in workflow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 60, job_id
    for step in step_using(workflow, "actions/checkout"):
        assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", [CHECK, PUBLISH], ids=lambda p: p.name)
def test_checkouts_fetch_the_whole_history(path: Path) -> None:
    """The calls' history comes from Git: a shallow clone would stop the build (or, if it did
    not, publish an empty history with wrong dates)."""
    checkouts = step_using(load(path), "actions/checkout")
    assert checkouts
    for step in checkouts:
        assert step.get("with", {}).get("fetch-depth") == 0, step


def test_check_runs_on_every_pull_request() -> None:
    workflow = load(CHECK)
    assert set(triggers(workflow)) == {"pull_request"}
    assert triggers(workflow)["pull_request"] is None, "no branch or path filter: every pull request"
    assert workflow["concurrency"]["cancel-in-progress"] is True


def test_check_annotates_builds_tests_and_uploads_the_site() -> None:
    workflow = load(CHECK)
    runs = [(job_id, step.get("run", "")) for job_id, step in steps(workflow)]
    commands = "\n".join(run for _, run in runs)
    assert re.search(r'python -m build_tools check --format github --summary "\$GITHUB_STEP_SUMMARY"', commands)
    assert "make build" in commands
    assert "make test" in commands
    chromium = [job for job, run in runs if re.search(r"apt-get install -y\b.*\bchromium\b", run)]
    test_job = next(job for job, run in runs if "make test" in run)
    assert chromium == [test_job], "Chromium must be installed in the job that runs the tests"
    setup = step_using(workflow, "actions/setup-python")
    assert setup and all(str(s["with"]["python-version"]) == "3.11" for s in setup)
    uploads = [s for s in step_using(workflow, "actions/upload-artifact") if s["with"]["path"].rstrip("/") == "anteprima"]
    assert len(uploads) == 1, "the preview opened from disk is the artifact"
    order = [step.get("run") or step.get("uses") for step in workflow["jobs"]["contenuti"]["steps"]]
    check_at = next(i for i, s in enumerate(order) if "build_tools check" in str(s))
    build_at = next(i for i, s in enumerate(order) if s == "make build")
    preview_at = next(i for i, s in enumerate(order)
                      if "build_tools build -f mkdocs.anteprima.yml -d anteprima" in str(s))
    upload_at = next(i for i, s in enumerate(order) if str(s).startswith("actions/upload-artifact@"))
    assert check_at < build_at < preview_at < upload_at


def test_publish_triggers_push_nightly_and_manual() -> None:
    on = triggers(load(PUBLISH))
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    crons = [entry["cron"] for entry in on["schedule"]]
    assert crons, "a nightly schedule moves expired calls to the archive"
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*"), "every night"
    assert 0 <= int(hour) <= 3, "after midnight in Rome (UTC+1/+2), before the working day"


def test_publish_builds_with_the_pages_url_and_deploys_with_the_official_actions() -> None:
    workflow = load(PUBLISH)
    assert workflow["concurrency"]["cancel-in-progress"] is False, "never cancel a deployment half-way"
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    configure = step_using(workflow, "actions/configure-pages")
    assert len(configure) == 1 and configure[0] in build["steps"]
    step_id = configure[0]["id"]
    make_build = next(s for s in build["steps"] if s.get("run") == "make build")
    assert make_build["env"]["SITE_URL"] == f"${{{{ steps.{step_id}.outputs.base_url }}}}"
    assert "LAB_TODAY" not in PUBLISH.read_text() and "LAB_NOW" not in PUBLISH.read_text(), "the real clock"
    upload = step_using(workflow, "actions/upload-pages-artifact")
    assert len(upload) == 1 and upload[0]["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    checks = [s for s in build["steps"] if "build_tools check" in s.get("run", "")]
    assert checks and "--summary" in checks[0]["run"], "the nightly run reports deadlines in its summary"


def test_issue_form_asks_for_the_official_link() -> None:
    form = load(ISSUE_FORM)
    assert form["name"] == "Segnala un bando"
    fields = {item["id"]: item for item in form["body"] if "id" in item}
    assert set(fields) >= {"titolo", "link", "ente", "scadenza", "beneficiari", "note"}
    assert fields["link"]["validations"]["required"] is True
    assert fields["titolo"]["validations"]["required"] is True


def test_issue_form_beneficiaries_are_the_site_labels() -> None:
    fields = {item["id"]: item for item in load(ISSUE_FORM)["body"] if "id" in item}
    assert fields["beneficiari"]["attributes"]["options"] == [b.label for b in Beneficiary]


def test_pull_request_template_is_an_italian_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 5
    assert "verified" in text and "deadline_extended_from" in text and "CONTRIBUTING.md" in text


def test_pre_commit_runs_the_check_when_content_changes() -> None:
    config = load(REPO / ".pre-commit-config.yaml")
    local = [repo for repo in config["repos"] if repo["repo"] == "local"]
    assert len(local) == 1
    hook = next(h for h in local[0]["hooks"] if h["entry"] == "python -m build_tools check")
    assert hook["language"] == "system"
    assert hook["pass_filenames"] is False
    assert hook["files"] == "^content/"
    assert re.search(hook["files"], "content/calls/voucher.md")
    assert not re.search(hook["files"], "build_tools/cli.py")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_shell_script(path: Path) -> None:
    """Values reach scripts through `env:` (quoted shell variables), never as `${{ }}` pasted into the code."""
    for job_id, step in steps(load(path)):
        assert "${{" not in step.get("run", ""), f"{path.name}:{job_id}:{step.get('name')}"


def test_nightly_report_opens_updates_or_closes_one_issue() -> None:
    workflow = load(PUBLISH)
    job = workflow["jobs"]["report"]
    assert "schedule" in job["if"] and "workflow_dispatch" in job["if"] and "push" not in job["if"]
    runs = [s.get("run", "") for s in job["steps"]]
    body_step = next(r for r in runs if "build_tools report" in r)
    assert '--issue-body "$RUNNER_TEMP/' in body_step
    gh_step = next(s for s in job["steps"] if "gh issue" in s.get("run", ""))
    script = gh_step["run"]
    assert gh_step["env"]["TITLE"] == "Scadenze e fonti da ricontrollare"
    assert gh_step["env"]["GH_TOKEN"] == "${{ github.token }}"
    for command in ("gh issue list", "gh issue edit", "gh issue create", "gh issue close"):
        assert command in script, command
    assert '[ -s "$BODY_FILE" ]' in script, "an empty body closes the issue"
    assert "--body-file" in script and "--body " not in script, "the body goes through a file"
    for checkout in [s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@")]:
        assert checkout["with"]["persist-credentials"] is False


def test_pull_request_summary_describes_the_changed_items_and_links_the_preview() -> None:
    workflow = load(CHECK)
    job = workflow["jobs"]["contenuti"]
    checkout = step_using(workflow, "actions/checkout")[0]
    depth = checkout["with"]["fetch-depth"]
    assert depth == 0 or depth >= 2, "the base commit (HEAD^1) is needed to list what the PR changes"
    upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    preview = next(s for s in job["steps"] if "build_tools preview" in s.get("run", ""))
    assert job["steps"].index(upload) < job["steps"].index(preview)
    assert preview["env"]["ARTIFACT_URL"] == f"${{{{ steps.{upload['id']}.outputs.artifact-url }}}}"
    assert "cancelled()" in preview["if"], "also when the check failed: errors are shown per changed file"
    script = preview["run"]
    assert "git diff --name-only --no-renames HEAD^1 HEAD -- content/" in script
    assert '--summary "$GITHUB_STEP_SUMMARY"' in script and '--artifact-url "$ARTIFACT_URL"' in script
