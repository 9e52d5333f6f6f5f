"""``ckan pe-catalog ...`` commands (registered through IClick by the pe_catalog plugin)."""

from __future__ import annotations

import click

from ckanext.pe_catalog import seed as seeding

__all__ = ["pe_catalog"]


@click.group(name="pe-catalog", short_help="Peru open-government catalog commands")
def pe_catalog() -> None:
    pass


@pe_catalog.command()
@click.option("--admin", default=None, help="Also ensure this sysadmin account, as NAME:PASSWORD.")
def seed(admin: str | None) -> None:
    """Create or update the publishing organizations (idempotent)."""
    for org in seeding.load_organizations():
        click.echo(f"organization {org['name']}: {seeding.upsert_organization(org)}")
    if admin:
        name, _, password = admin.partition(":")
        if not password:
            raise click.BadParameter("expected NAME:PASSWORD", param_hint="--admin")
        outcome = seeding.ensure_sysadmin(name, f"{name}@localhost", password)
        click.echo(f"sysadmin {name}: {outcome}")
