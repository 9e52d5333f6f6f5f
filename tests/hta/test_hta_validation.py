"""Every validation rule of hta-report, accepted and rejected, through the action API."""

from __future__ import annotations

import pytest
from ckan import model
from ckan.plugins import toolkit as tk
from ckan.tests import factories
from ckan.tests.helpers import call_action

from harness.sample import dataset_dict, errors_of

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.fixture
def create(create_as_editor):
    return create_as_editor("hta-report", "informe")


@pytest.fixture
def as_editor(editor_org):
    """A context acting as the organization's editor (one per call: actions mutate it)."""
    return lambda: {"user": editor_org["user"]["name"]}


def test_sample_report_is_valid_and_gets_defaults(create):
    report = create()

    assert report["language"] == "es"
    assert report["license_id"] == "cc-by-4.0"
    assert report["atc_codes"] == ["L01FF02"]
    assert report["authors"] == ["Pérez García, Ana", "Quispe Mamani, Luis"]


# --- report_code -------------------------------------------------------------


def test_report_code_is_unique_case_insensitively(create):
    create(name="primero", report_code="DP N° 012-DETS-IETSI-2023")

    errors = errors_of(create, name="segundo", report_code="  dp n° 012-dets-ietsi-2023 ")

    assert list(errors) == ["report_code"]
    assert "organiz" in errors["report_code"][0]  # organization / organización
    assert model.Package.get("segundo") is None


def test_report_code_is_unique_within_the_organization_only(create):
    """Another institution's private or draft report neither blocks nor reveals a code."""
    elsewhere = factories.User()
    other_org = factories.Organization(users=[{"name": elsewhere["name"], "capacity": "editor"}])
    for name, hidden in [("privado", {"private": True}), ("borrador", {"state": "draft"})]:
        call_action(
            "package_create",
            {"user": elsewhere["name"]},
            **dataset_dict("hta-report", other_org["id"], name=name, report_code=name, **hidden),
        )

        assert create(name=f"propio-{name}", report_code=name.upper())["report_code"]


def test_report_keeps_its_own_code_on_update(create, as_editor):
    report = create()

    updated = call_action("package_patch", as_editor(), id=report["id"], title="Nuevo título")

    assert updated["report_code"] == report["report_code"]


def test_a_deleted_report_frees_its_code(create, as_editor):
    report = create(name="antiguo")
    call_action("package_delete", as_editor(), id=report["id"])

    assert create(name="nuevo")["report_code"] == report["report_code"]


# --- choices -----------------------------------------------------------------


@pytest.mark.parametrize(
    "field",
    [
        "report_type",
        "technology_type",
        "recommendation",
        "evidence_certainty",
        "status",
        "language",
    ],
)
def test_unknown_choice_values_are_rejected(create, field):
    assert field in errors_of(create, **{field: "valor-inventado"})


def test_unknown_resource_type_is_rejected(create):
    errors = errors_of(
        create, resources=[{"url": "https://example.org/x.pdf", "resource_type": "otro"}]
    )
    assert "resources" in errors


def test_known_resource_type_is_kept(create):
    report = create(resources=[{"url": "https://example.org/x.pdf", "resource_type": "resumen"}])
    assert report["resources"][0]["resource_type"] == "resumen"


def test_unknown_licence_is_rejected(create):
    assert "license_id" in errors_of(create, license_id="licencia-inventada")


# --- ATC and ICD-10 codes ----------------------------------------------------


def test_atc_codes_are_required_for_medicines(create):
    errors = errors_of(create, atc_codes=None)
    assert "atc_codes" in errors
    assert "Medicamento" in errors["atc_codes"][0] or "Pharmaceutical" in errors["atc_codes"][0]


def test_atc_codes_are_optional_for_other_technologies(create):
    report = create(technology_type="dispositivo-medico", atc_codes=None)
    assert "atc_codes" not in report


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (["l01ff02"], ["L01FF02"]),
        ("L01FF02; l01xc18", ["L01FF02", "L01XC18"]),
        ("L\nL01\nL01F\nL01FF", ["L", "L01", "L01F", "L01FF"]),
        (["L01FF02", "L01FF02"], ["L01FF02"]),
    ],
)
def test_atc_codes_at_any_level_are_normalised(create, given, stored):
    assert create(atc_codes=given)["atc_codes"] == stored


@pytest.mark.parametrize("code", ["X01", "L1", "L01FF2", "L01FF02A", "01FF02"])
def test_invalid_atc_codes_are_rejected_by_name(create, code):
    errors = errors_of(create, atc_codes=[code])
    assert code.upper() in errors["atc_codes"][0]


@pytest.mark.parametrize(
    ("given", "stored"), [(["c50.9"], ["C50.9"]), ("C50; E11.65", ["C50", "E11.65"])]
)
def test_icd10_codes_are_normalised(create, given, stored):
    assert create(icd10_codes=given)["icd10_codes"] == stored


@pytest.mark.parametrize("code", ["C5", "C50.912", "50.9", "CC0"])
def test_invalid_icd10_codes_are_rejected(create, code):
    assert "icd10_codes" in errors_of(create, icd10_codes=[code])


def test_a_list_field_rejects_non_list_values(create):
    assert "icd10_codes" in errors_of(create, icd10_codes={"C50": 1})


# --- dates -------------------------------------------------------------------


@pytest.mark.freeze_time("2026-01-10T03:00:00Z")  # still 9 January in Lima (UTC-5)
def test_publication_date_is_checked_against_the_date_in_lima(create):
    assert "publication_date" in errors_of(create, publication_date="2026-01-10")
    assert create(publication_date="2026-01-09")["publication_date"].startswith("2026-01-09")


def test_publication_date_must_be_a_date(create):
    assert "publication_date" in errors_of(create, publication_date="10/05/2023")


def test_valid_until_is_on_or_after_publication(create):
    errors = errors_of(create, valid_until_date="2023-05-09")
    assert "valid_until_date" in errors

    report = create(valid_until_date="2023-05-10")
    assert report["valid_until_date"].startswith("2023-05-10")


def test_public_consultation_needs_its_window(create):
    errors = errors_of(create, status="consulta-publica")
    assert {"consultation_start_date", "consultation_end_date"} <= set(errors)


def test_consultation_end_is_on_or_after_start(create):
    errors = errors_of(
        create,
        status="consulta-publica",
        consultation_start_date="2023-06-10",
        consultation_end_date="2023-06-01",
    )
    assert list(errors) == ["consultation_end_date"]


def test_report_under_consultation_with_its_window_is_valid(create):
    report = create(
        status="consulta-publica",
        consultation_start_date="2023-06-01",
        consultation_end_date="2023-06-15",
    )
    assert report["consultation_end_date"].startswith("2023-06-15")


# --- authors -----------------------------------------------------------------


@pytest.mark.parametrize("authors", [None, "", [], " ; "])
def test_at_least_one_author_is_required(create, authors):
    assert "authors" in errors_of(create, authors=authors)


def test_authors_may_be_given_as_text(create):
    report = create(authors="Pérez García, Ana; Quispe Mamani, Luis")
    assert report["authors"] == ["Pérez García, Ana", "Quispe Mamani, Luis"]


# --- related reports ---------------------------------------------------------


def test_related_reports_are_stored_as_ids_given_names(create):
    old = create(name="informe-2019", report_code="IETSI-2019-001", status="reemplazado")

    new = create(name="informe-2023", related_reports=["informe-2019"])

    assert new["related_reports"] == [old["id"]]


def test_related_report_must_exist(create):
    errors = errors_of(create, related_reports=["no-existe"])
    assert "no-existe" in errors["related_reports"][0]


def test_related_report_by_an_id_not_yet_here_is_kept(create):
    """A harvester brings a catalog's reports in any order: an id may arrive first."""
    later = "3122e0b1-59d6-4de7-9d84-a765ce99b3a3"

    report = create(related_reports=[later])

    # stored as given; shown to readers only once it names a dataset they may read
    assert call_action("package_show", id=report["id"])["related_reports"] == [later]
    assert report["related_reports"] == []


def test_related_report_must_be_an_hta_report(create, editor_org):
    other = call_action(
        "package_create",
        context={"user": editor_org["user"]["name"]},
        **dataset_dict("scholarship", editor_org["org"]["id"], name="beca-18"),
    )
    errors = errors_of(create, related_reports=[other["name"]])
    assert "related_reports" in errors


def test_report_cannot_relate_to_itself(create, as_editor):
    report = create(name="informe-a")

    with pytest.raises(tk.ValidationError) as raised:
        call_action("package_patch", as_editor(), id=report["id"], related_reports=["informe-a"])

    assert "related_reports" in raised.value.error_dict


def test_private_report_of_another_organization_is_not_revealed(create):
    other_editor = factories.User()
    other_org = factories.Organization(users=[{"name": other_editor["name"], "capacity": "editor"}])
    call_action(
        "package_create",
        {"user": other_editor["name"]},
        **dataset_dict(
            "hta-report",
            other_org["id"],
            name="informe-privado",
            report_code="INS-2024-PRIV",
            private=True,
        ),
    )

    errors = errors_of(create, related_reports=["informe-privado"])

    assert errors["related_reports"] == ['"informe-privado": no such dataset']


def test_report_codes_that_look_alike_are_one_code(create):
    create(name="primero", report_code="INS-Revisión-2023")

    for look_alike in (
        "ＩＮＳ-Revisión-2023",
        "INS-Revisio\u0301n-2023",
        "INS\u2010Revisión\u20132023",
        "INS-Revisión-2023\u200b",
        "INS-REVISIÓN-2023",
    ):
        assert list(errors_of(create, name="segundo", report_code=look_alike)) == ["report_code"]


def test_one_code_written_at_once_twice_is_stored_once(app, editor_org):
    """Concurrent writes of one code: the check and the write were not atomic."""
    from concurrent.futures import ThreadPoolExecutor

    editor = editor_org["user"]["name"]

    def create(i: int) -> bool:
        with app.flask_app.test_request_context():
            data = dataset_dict(
                "hta-report", editor_org["org"]["id"], name=f"carrera-{i}", report_code="CARRERA-1"
            )
            try:
                call_action("package_create", {"user": editor}, **data)
            except tk.ValidationError:
                return False
            finally:
                model.Session.remove()
            return True

    with ThreadPoolExecutor(max_workers=4) as pool:
        created = list(pool.map(create, range(4)))

    assert created.count(True) == 1, created


def test_a_hidden_dataset_of_another_type_is_never_stored_as_a_reference(create, editor_org):
    elsewhere = factories.User()
    other_org = factories.Organization(users=[{"name": elsewhere["name"], "capacity": "editor"}])
    scholarship = call_action(
        "package_create",
        {"user": elsewhere["name"]},
        **dataset_dict("scholarship", other_org["id"], name="beca-privada", private=True),
    )

    report = create(related_reports=[scholarship["id"]])

    assert call_action("package_show", id=report["id"])["related_reports"] == []
    # so a sysadmin's later edit does not fail on it
    sysadmin = factories.Sysadmin()
    call_action("package_patch", {"user": sysadmin["name"]}, id=report["id"], title="Otro")


@pytest.mark.parametrize("author", ["Smith\nJohn", "Smith\tJohn", "Smith\u2028John"])
def test_a_list_value_holds_no_line_break(create, author):
    """The form shows one value per line: a line break would split the value at the next save."""
    assert list(errors_of(create, authors=[author, "Quispe, Luis"])) == ["authors"]
