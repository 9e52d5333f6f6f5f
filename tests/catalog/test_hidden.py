"""Hidden datasets stay hidden (ckanext/pe_catalog/logic/hidden.py, access.py).

The examples of the privacy issue, each as its user meets it: a hidden dataset
answers as a missing one, a public report's references to hidden reports show
to nobody who may not read them (and survive an edit by such a user), and a
dataset made private or deleted leaves the activity stream of those who may
not read it. The full matrix of viewers, states and doors is test_privacy.py.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
import sqlalchemy as sa
from bs4 import BeautifulSoup
from ckan.tests import factories
from ckan.tests.helpers import call_action

from harness.sample import dataset_dict

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


def _api(app: Any, action: str, token: str | None = None, status: int | None = 200, **params: Any):
    headers = {"Authorization": token} if token else {}
    if status is None:  # any answer: a refusal leaks nothing either
        return app.get(f"/api/3/action/{action}", query_string=params, headers=headers)
    return app.get(f"/api/3/action/{action}", query_string=params, headers=headers, status=status)


def _post(app: Any, action: str, token: str, data: dict) -> tuple[int, Any]:
    answer = app.post(f"/api/3/action/{action}", json=data, headers={"Authorization": token})
    return answer.status_code, answer.json["error"] if answer.status_code != 200 else None


def test_writes_naming_a_hidden_dataset_answer_as_for_a_missing_one(
    app: Any, reports: dict[str, Any]
) -> None:
    outsider = factories.User()
    token = factories.APIToken(user=outsider["name"])["token"]
    missing = {"name": "no-existe", "id": "00000000-0000-0000-0000-000000000000"}
    group = factories.Group(users=[{"name": outsider["name"], "capacity": "admin"}])

    def rel(dataset: str) -> dict:
        return {"subject": dataset, "object": reports["public"]["id"], "type": "child_of"}

    def member(dataset: str) -> dict:
        return {
            "id": group["id"],
            "object": dataset,
            "object_type": "package",
            "capacity": "public",
        }

    for hidden in reports["hidden"].values():
        resource = hidden["resources"][0]["id"]
        for action, make in [
            ("package_patch", lambda d, r: {"id": d, "title": "x"}),
            ("package_show", lambda d, r: {"name_or_id": d}),
            ("package_relationship_create", lambda d, r: rel(d)),
            ("package_update", lambda d, r: {"id": d, "title": "x"}),
            ("package_delete", lambda d, r: {"id": d}),
            ("package_collaborator_list", lambda d, r: {"id": d}),
            ("package_relationships_list", lambda d, r: {"id": d}),
            ("dataset_follower_count", lambda d, r: {"id": d}),
            ("follow_dataset", lambda d, r: {"id": d}),
            ("unfollow_dataset", lambda d, r: {"id": d}),
            ("resource_create", lambda d, r: {"package_id": d, "url": "https://x.gob.pe/a"}),
            ("resource_patch", lambda d, r: {"id": r, "name": "x"}),
            ("resource_delete", lambda d, r: {"id": r}),
            ("member_create", lambda d, r: member(d)),
        ]:
            answer = _post(app, action, token, make(hidden["name"], resource))
            expected = _post(app, action, token, make(missing["name"], missing["id"]))
            # a message may echo what was asked for: the same words around it
            said = str(answer).replace(hidden["name"], "<asked>").replace(resource, "<asked>")
            for asked in missing.values():
                expected = str(expected).replace(asked, "<asked>")
            assert said == expected, (action, said, expected)
            assert hidden["id"] not in str(answer)
    assert call_action("package_show", id=reports["hidden"]["private"]["id"])["title"] != "x"


def _page_text(body: str, asked: str) -> str:
    """What a page says (its main content), with the name asked for blanked out."""
    soup = BeautifulSoup(body, "html.parser")
    main = soup.find(id="content") or soup.find("main") or soup.body
    return " ".join(main.get_text(" ").replace(asked, "<asked>").split())


@pytest.fixture
def reports(editor_org: dict[str, Any]) -> dict[str, Any]:
    """A public report relating to a private, a draft and a deleted report of its organization."""
    org, editor = editor_org["org"], editor_org["user"]
    context = {"user": editor["name"], "ignore_auth": False}

    def create(name: str, **fields: Any) -> dict[str, Any]:
        data = dataset_dict("hta-report", org["id"], name=name, report_code=name.upper(), **fields)
        data["resources"] = [
            {"url": f"https://example.org/{name}.pdf", "name": name, "format": "PDF"}
        ]
        return call_action("package_create", context=dict(context), **data)

    hidden = {
        "private": create("informe-privado", private=True),
        "draft": create("informe-borrador", state="draft"),
        "deleted": create("informe-eliminado"),
    }
    public = create("informe-publico", related_reports=[h["id"] for h in hidden.values()])
    call_action("package_delete", context=dict(context), id=hidden["deleted"]["id"])
    return {"public": public, "hidden": hidden, "org": org, "editor": editor}


def _hidden_ids(reports: dict[str, Any]) -> set[str]:
    return {h["id"] for h in reports["hidden"].values()}


def test_a_hidden_dataset_answers_as_a_missing_one(app: Any, reports: dict[str, Any]) -> None:
    outsider = factories.APIToken(user=factories.User()["name"])["token"]
    missing_resource = "00000000-0000-0000-0000-000000000000"
    for hidden in reports["hidden"].values():
        resource = hidden["resources"][0]["id"]
        for action, ref, missing in [
            ("package_show", hidden["id"], "no-existe"),
            ("package_show", hidden["name"], "no-existe"),
            ("package_activity_list", hidden["id"], "no-existe"),
            ("resource_show", resource, missing_resource),
            ("resource_view_list", resource, missing_resource),
        ]:
            answer = _api(app, action, outsider, 404, id=ref).json["error"]
            assert answer == _api(app, action, outsider, 404, id=missing).json["error"], action
        for page in (
            "/dataset/{}",
            "/hta-report/{}",
            "/hta-report/resources/{}",
            "/hta-report/edit/{}",
            "/hta-report/{}/resource/new",
            "/dataset/{}/resource/" + resource + "/download",
        ):
            texts = {}
            for ref in (hidden["name"], "no-existe"):
                answer = app.get(page.format(ref), headers={"Authorization": outsider}, status=404)
                assert hidden["id"] not in answer.body
                texts[ref] = _page_text(answer.body, ref)
            assert texts[hidden["name"]] == texts["no-existe"], page


def test_references_to_hidden_reports_show_only_to_who_may_read_them(
    app: Any, reports: dict[str, Any]
) -> None:
    public, hidden_ids = reports["public"], _hidden_ids(reports)
    anonymous_doors = [
        _api(app, "package_show", id=public["id"]).body,
        _api(app, "package_show", id=public["id"], use_default_schema="true").body,
        _api(app, "package_search", q="name:informe-publico").body,
        _api(app, "package_activity_list", id=public["id"]).body,
        app.get("/hta-report/export.csv").body,
        app.get(f"/hta-report/{public['name']}").body,
        app.get(f"/dataset/activity/{public['name']}").body,
    ]
    for activity in _api(app, "package_activity_list", id=public["id"]).json["result"]:
        # CKAN shows an activity's data to the dataset's editors only, unless
        # ckan.auth.public_activity_stream_detail: a 403 leaks nothing either
        for action in ("activity_show", "activity_data_show", "activity_diff"):
            params = {"id": activity["id"], "object_type": "package", "include_data": "true"}
            anonymous_doors.append(_api(app, action, status=None, **params).body)
        anonymous_doors.append(app.get(f"/dataset/changes/{activity['id']}").body)
    for body in anonymous_doors:
        assert not hidden_ids & {i for i in hidden_ids if i in body}

    # the organization's editor reads all three (CKAN: members read drafts and deleted)
    editor = factories.APIToken(user=reports["editor"]["name"])["token"]
    shown = _api(app, "package_show", editor, id=public["id"]).json["result"]
    assert set(shown["related_reports"]) == hidden_ids
    exported = app.get("/hta-report/export.csv", headers={"Authorization": editor}).body
    (row,) = [r for r in csv.DictReader(io.StringIO(exported)) if r["name"] == public["name"]]
    assert reports["hidden"]["private"]["id"] in row["related_reports"]


def test_an_edit_keeps_the_references_its_writer_may_not_read(
    editor_org: dict[str, Any],
) -> None:
    """A report related to another organization's private report, edited by its own editor."""
    elsewhere = factories.User()
    other_org = factories.Organization(users=[{"name": elsewhere["name"], "capacity": "editor"}])
    private = call_action(
        "package_create",
        context={"user": elsewhere["name"], "ignore_auth": False},
        **dataset_dict(
            "hta-report", other_org["id"], name="ajeno", report_code="A-1", private=True
        ),
    )
    editor = {"user": editor_org["user"]["name"], "ignore_auth": False}
    # an id the editor may not read is kept as given (harvesters link that way)
    report = call_action(
        "package_create",
        context=dict(editor),
        **dataset_dict(
            "hta-report", editor_org["org"]["id"], name="propio", related_reports=[private["id"]]
        ),
    )
    assert report["related_reports"] == []  # what the editor reads

    call_action("package_patch", context=dict(editor), id=report["id"], title="Otro título")

    stored = call_action("package_show", id=report["id"])  # as the site
    assert stored["title"] == "Otro título"
    assert stored["related_reports"] == [private["id"]]
    seen_by_other = call_action("package_show", context={"user": elsewhere["name"]}, id="propio")
    assert seen_by_other["related_reports"] == [private["id"]]


def test_a_dataset_made_private_or_deleted_leaves_the_anonymous_activity_stream(
    app: Any, reports: dict[str, Any]
) -> None:
    org = reports["org"]
    editor = {"user": reports["editor"]["name"], "ignore_auth": False}
    gone = reports["public"]
    call_action("package_patch", context=dict(editor), id=gone["id"], private=True)
    also_gone = call_action(
        "package_create",
        context=dict(editor),
        **dataset_dict("hta-report", org["id"], name="informe-breve", report_code="B-1"),
    )
    call_action("package_delete", context=dict(editor), id=also_gone["id"])

    hidden = _hidden_ids(reports) | {gone["id"], also_gone["id"]}
    stranger = factories.APIToken(user=factories.User()["name"])["token"]
    anonymous = [
        _api(app, "organization_activity_list", id=org["id"]),
        _api(app, "recently_changed_packages_activity_list"),
        _api(app, "user_activity_list", stranger, id=reports["editor"]["id"]),
    ]
    for answer in anonymous:
        assert not {a["object_id"] for a in answer.json["result"]} & hidden
        assert not any(i in answer.body for i in hidden)
    page = app.get(f"/organization/activity/{org['name']}").body
    assert "informe-breve" not in page and gone["title"] not in page

    # the organization's members still read what its deleted datasets went
    # through (CKAN leaves private datasets out of an organization's stream)
    token = factories.APIToken(user=reports["editor"]["name"])["token"]
    inside = _api(app, "organization_activity_list", token, id=org["id"]).json["result"]
    assert {also_gone["id"], reports["hidden"]["deleted"]["id"]} <= {a["object_id"] for a in inside}


def test_keywords_of_hidden_datasets_are_not_listed(app: Any, editor_org: dict[str, Any]) -> None:
    org, editor = editor_org["org"], editor_org["user"]
    context = {"user": editor["name"], "ignore_auth": False}
    for name, fields in [
        ("privado", {"private": True}),
        ("borrador", {"state": "draft"}),
        ("eliminado", {}),
        ("publico", {}),
    ]:
        call_action(
            "package_create",
            context=dict(context),
            **dataset_dict(
                "hta-report", org["id"], name=name, report_code=name, tag_string=f"clave-{name}"
            ),
            **fields,
        )
    call_action("package_delete", context=dict(context), id="eliminado")
    hidden = {"clave-privado", "clave-borrador", "clave-eliminado"}

    listed = set(_api(app, "tag_list").json["result"])
    assert "clave-publico" in listed and not listed & hidden
    assert _api(app, "tag_autocomplete", q="clave").json["result"] == ["clave-publico"]
    found = _api(app, "tag_search", q="clave").json["result"]
    assert [t["name"] for t in found["results"]] == ["clave-publico"] and found["count"] == 1
    missing = _api(app, "tag_show", status=404, id="no-existe").json["error"]
    for tag in hidden:
        assert _api(app, "tag_show", status=404, id=tag).json["error"] == missing
    shown = _api(app, "tag_show", id="clave-publico", include_datasets="true").json["result"]
    assert [p["name"] for p in shown["packages"]] == ["publico"]

    token = factories.APIToken(user=editor["name"])["token"]  # the organization reads its own
    assert {"clave-privado", "clave-borrador"} <= set(_api(app, "tag_list", token).json["result"])


def test_relabel_command_hides_the_past_of_datasets_hidden_before_the_upgrade(
    app: Any, reports: dict[str, Any], cli: Any
) -> None:
    from ckan import model
    from ckan.cli.cli import ckan

    public = reports["public"]
    # as an older version left it: the dataset deleted, its past still public
    call_action("package_delete", context={"user": reports["editor"]["name"]}, id=public["id"])
    model.Session.execute(
        sa.text("UPDATE activity SET permission_labels = '{public}' WHERE object_id = :id"),
        {"id": public["id"]},
    )
    model.Session.commit()
    assert public["id"] in _api(app, "organization_activity_list", id=reports["org"]["id"]).body

    result = cli.invoke(ckan, ["pe-catalog", "relabel-activities"], catch_exceptions=False)

    assert result.exit_code == 0, result.output
    assert public["id"] not in _api(app, "organization_activity_list", id=reports["org"]["id"]).body


def test_search_never_names_hidden_references(app: Any, reports: dict[str, Any]) -> None:
    """Not in any field a search can return, facet on or match (the index leaves them out)."""
    hidden = _hidden_ids(reports)
    prefix = reports["hidden"]["private"]["id"][:8]
    answers = [
        _api(app, "package_search", q="name:informe-publico", fl=field).body
        for field in (
            "vocab_related_reports",
            "extras_related_reports",
            "related_reports",
            "validated_data_dict",
            "data_dict",
            "*",
        )
    ]
    answers.append(
        _api(
            app,
            "package_search",
            status=200,  # named: pyright would otherwise let the unpacked dict's str fill it
            rows="0",
            **{"facet.field": '["vocab_related_reports"]', "facet.limit": "-1"},
        ).body
    )
    for body in answers:
        assert not any(i in body for i in hidden), body[:300]
    # (a hex prefix is no test: the text analyzer splits it into tokens any
    # document may hold; a whole id is a phrase only the document naming it has)
    for query in (
        {"q": f'"{reports["hidden"]["private"]["id"]}"'},
        {"fq": "vocab_related_reports:*"},
        {"fq": "extras_related_reports:*"},
        {"fq": f"vocab_related_reports:{prefix}*"},
    ):
        assert _api(app, "package_search", status=200, **query).json["result"]["count"] == 0, query
    # the report's page still lists, to its readers, the reports naming it
    page = app.get(
        f"/hta-report/{reports['hidden']['private']['name']}",
        headers={"Authorization": factories.APIToken(user=reports["editor"]["name"])["token"]},
    ).body
    assert reports["public"]["title"] in page


def test_nul_and_non_text_ids_answer_as_missing(app: Any, reports: dict[str, Any]) -> None:
    missing = _api(app, "package_show", status=404, id="no-existe").json["error"]
    for ref in ("a\x00b", 1, ["x"]):
        answer = app.post("/api/3/action/package_show", json={"id": ref})
        assert answer.status_code == 404 and answer.json["error"] == missing, ref
