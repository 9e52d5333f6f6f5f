"""``ckan pe-catalog ...`` commands (registered through IClick by the pe_catalog plugin)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ckan.plugins.toolkit as tk
import click
from ckan.types import Context

from ckanext.pe_catalog import bulk, reference_data
from ckanext.pe_catalog import export as export_module
from ckanext.pe_catalog import seed as seeding
from ckanext.pe_catalog.logic import hidden

__all__ = ["pe_catalog"]


@click.group(name="pe-catalog", short_help="Peru open-government catalog commands")
def pe_catalog() -> None:
    pass


def _acting_as(user: str | None) -> Callable[[], Context]:
    """A context factory for the given user, or the site's own sysadmin user."""
    if user is None:
        name: str = tk.get_action("get_site_user")({"ignore_auth": True}, {})["name"]
    else:
        try:
            tk.get_action("user_show")({"ignore_auth": True}, {"id": user})
        except tk.ObjectNotFound:
            raise click.BadParameter(f"no user named {user}", param_hint="--user") from None
        name = user
    return lambda: {"user": name}


@pe_catalog.command()
@click.option("--admin", default=None, help="Also ensure this sysadmin account, as NAME:PASSWORD.")
@click.option("--sample/--no-sample", default=True, help="Load the sample catalog (default: yes).")
@click.option(
    "--sample-files/--no-sample-files",
    default=True,
    help="Give the sample datasets their files (PDF, CSV, GeoJSON) (default: yes).",
)
def seed(admin: str | None, sample: bool, sample_files: bool) -> None:
    """Create or update the organizations, groups and sample datasets (idempotent)."""
    for org in reference_data.organizations():
        click.echo(f"organization {org['name']}: {seeding.upsert_organization(org)}")
    for group in reference_data.groups():
        click.echo(f"group {group['name']}: {seeding.upsert_group(group)}")
    if admin:
        name, _, password = admin.partition(":")
        if not password:
            raise click.BadParameter("expected NAME:PASSWORD", param_hint="--admin")
        outcome = seeding.ensure_sysadmin(name, f"{name}@localhost", password)
        click.echo(f"sysadmin {name}: {outcome}")
    if sample:
        counts = seeding.load_sample(files=sample_files)
        click.echo("sample datasets: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


@pe_catalog.command(name="import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--type", "dataset_type", required=True, help="hta-report, scholarship or environmental-data"
)
@click.option(
    "--format", "fmt", type=click.Choice(bulk.FORMATS), help="Default: from the file name."
)
@click.option("--dry-run", is_flag=True, help="Validate every row; write nothing.")
@click.option("--user", default=None, help="Act as this user (default: the site's sysadmin).")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Processes that load rows at once (default: the number of CPUs).",
)
def import_(
    path: str,
    dataset_type: str,
    fmt: str | None,
    dry_run: bool,
    user: str | None,
    workers: int | None,
) -> None:
    """Create or update datasets of one type from a CSV, JSON Lines or YAML file.

    A resource's "upload" names a file next to PATH to store in the FileStore."""
    context = _acting_as(user)
    try:
        records = bulk.read(path, dataset_type, bulk.format_of(path, fmt))
    except bulk.FileError as error:
        click.secho(f"{path}: {error}", fg="red", err=True)
        sys.exit(2)
    show_bar = sys.stderr.isatty()
    with click.progressbar(
        length=len(records), label=dataset_type, file=sys.stderr, hidden=not show_bar
    ) as bar:
        outcome = bulk.load(
            records,
            dataset_type,
            context,
            dry_run=dry_run,
            progress=bar.update,
            base_dir=Path(path).parent,
            workers=workers or os.cpu_count() or 1,
        )
    rejected_rows = sorted({r.row for r in outcome.rejections})
    for rejection in outcome.rejections:
        # a row refused as a whole (the search index did not answer) names no field
        where = f"{rejection.field}: " if rejection.field else ""
        click.echo(f"row {rejection.row}: {where}{rejection.message}", err=True)
    verb = "would be" if dry_run else "were"
    click.echo(
        f"{len(records)} rows: {outcome.created} {verb} created, {outcome.updated} {verb} updated, "
        f"{len(rejected_rows)} rejected"
    )
    if rejected_rows:
        sys.exit(1)


@pe_catalog.command()
@click.option(
    "--type", "dataset_type", required=True, help="hta-report, scholarship or environmental-data"
)
@click.option("--format", "fmt", type=click.Choice(export_module.FORMATS), default="csv")
@click.option("--q", default="", help="Search text, as on the search page.")
@click.option("--fq", default="", help='Solr filter, e.g. "+organization:oefa".')
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-")
@click.option("--user", default=None, help="Export what this user may see (default: everything).")
def export(dataset_type: str, fmt: str, q: str, fq: str, output: Any, user: str | None) -> None:
    """Write the datasets of one type (or of a search) as CSV or JSON Lines."""
    try:
        count = export_module.write(dataset_type, output, fmt, _acting_as(user), q=q, fq=fq)
    except export_module.UnknownType:
        raise click.BadParameter(
            f"unknown dataset type {dataset_type!r}", param_hint="--type"
        ) from None
    click.echo(f"{count} datasets exported", err=True)


@pe_catalog.command()
@click.option("--dry-run", is_flag=True, help="Only say what is out of step.")
def reindex(dry_run: bool) -> None:
    """Bring Solr back in step with the database after an outage: index the
    datasets it misses or holds out of date, drop those no longer there."""
    from ckanext.pe_catalog import reindex as sync
    from ckanext.pe_catalog.logic.index_guard import solr_answers

    if not solr_answers(ask=True):
        raise click.ClickException(
            "Solr does not answer its ping (solr_url in the configuration): "
            "start it, then run this command again"
        )
    diff = sync.difference() if dry_run else sync.reindex()
    verb = "out of step" if dry_run else "fixed"
    click.echo(
        f"{verb}: {len(diff.missing)} missing, {len(diff.stale)} stale, "
        f"{len(diff.orphaned)} orphaned"
    )


@pe_catalog.command(name="csw-sync")
def csw_sync() -> None:
    """Make the CSW's repository (pycsw) hold exactly the public environmental
    datasets of the search index: every record written again, the others removed.

    The job worker keeps it in step; run this after restoring a backup, or when
    pycsw was down while the job worker ran.
    """
    from ckanext.pe_catalog.csw import repository, sync

    if not repository.configured():
        raise click.ClickException("no CSW: ckanext.pe_catalog.csw.url is not set")
    try:
        written, removed = sync.resync()
    except repository.CswError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"CSW: {written} records written, {removed} removed")


@pe_catalog.command(name="relabel-activities")
def relabel_activities() -> None:
    """Give every dataset's past activities its current visibility (once, after upgrading).

    The portal does it on every update and deletion; activities written before
    this version keep the visibility their dataset had then.
    """
    from ckan import model

    ids = [row[0] for row in model.Session.query(model.Package.id)]
    for package_id in ids:
        hidden.relabel_activities(package_id)
    model.repo.commit()
    click.echo(f"{len(ids)} datasets: activities relabelled")


@pe_catalog.command(name="service-token")
@click.option("--keep", default="", help="A token to print again if it is still valid.")
@click.option("--name", default="xloader", help="The new token's name (default: xloader).")
def service_token(keep: str, name: str) -> None:
    """Print an API token of the site's sysadmin user, for services that call
    the API (ckanext-xloader's ckanext.xloader.api_token): TOKEN given with
    --keep when it still belongs to an active sysadmin, else a new one."""
    from ckan.lib import api_token

    user = api_token.get_user_from_token(keep, update_access_time=False) if keep else None
    if user is not None and user.sysadmin and user.state == "active":
        click.echo(keep)
        return
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    token = tk.get_action("api_token_create")(
        {"user": site_user["name"], "ignore_auth": True}, {"user": site_user["name"], "name": name}
    )
    click.echo(token["token"])
