"""Write pycsw's two configurations and create its repository and manager token.

Run with the pycsw virtualenv's Python (``.venv-pycsw``, scripts/pycsw.sh up):

    configure.py --state DIR --port N --public-url URL
                 [--title T] [--abstract A] [--provider-name P] [--contact-email E]

It leaves in DIR:

* ``public.cfg``: the catalogue everyone reads (through the portal's ``/csw``),
  transactions off;
* ``manager.cfg``: the same repository with CSW-T transactions on, which
  ``deploy/pycsw/wsgi.py`` uses only for ``/manager`` requests that carry the token;
* ``records.db``: the SQLite repository, made by pycsw's own
  ``pycsw.core.admin.setup_db`` the first time (never touched again);
* ``manager-token``: the shared secret of ``/manager`` (mode 0600), made once.

Every step is idempotent: the configurations are rewritten only when their text
changes (pycsw reads its configuration on every request, so a change applies at
once), the repository and the token are kept when they exist.

The keys are pycsw 2.6.2's (pycsw/server.py, pycsw/ogc/csw/csw2.py, pycsw/core/log.py).
pycsw reads the files with ``BasicInterpolation`` plus ``os.path.expandvars``:
a ``%`` is written as ``%%``, and a ``$`` is refused (it could be expanded).
"""

from __future__ import annotations

import argparse
import configparser
import io
import os
import secrets
import sqlite3
import sys
import warnings
from pathlib import Path

TABLE = "records"
TITLE = "Catálogo de Datos Abiertos · Gobierno Abierto Perú — CSW"
ABSTRACT = (
    "Servicio de catálogo OGC CSW 2.0.2 y 3.0 (metadatos ISO 19115/19139, perfil APISO) del "
    "Catálogo de Datos Abiertos de Gobierno Abierto Perú. Describe los conjuntos de datos "
    "ambientales publicados por el Organismo de Evaluación y Fiscalización Ambiental (OEFA), "
    "el Servicio Nacional de Certificación Ambiental para las Inversiones Sostenibles "
    "(SENACE) y el Ministerio del Ambiente (MINAM): fiscalización ambiental, certificación "
    "ambiental de proyectos de inversión, calidad del aire y del agua, biodiversidad y "
    "ordenamiento territorial."
)
KEYWORDS = [
    "datos abiertos",
    "medio ambiente",
    "fiscalización ambiental",
    "certificación ambiental",
    "OEFA",
    "SENACE",
    "MINAM",
    "Perú",
]
PROVIDER_NAME = (
    "Secretaría de Gobierno y Transformación Digital, Presidencia del Consejo de Ministros"
)
PROVIDER_URL = "https://www.gob.pe/pcm"
# the portal's contact address (ckanext.pe_catalog.contact_email in config/suite.ini)
CONTACT_EMAIL = "datos-abiertos@example.org"
MANAGER_ALLOWED_IPS = "127.0.0.1,::1"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Write pycsw's configurations, repository and manager token into --state."
    )
    parser.add_argument("--state", type=Path, required=True, help="state directory")
    parser.add_argument("--port", type=int, required=True, help="port pycsw listens on")
    parser.add_argument(
        "--public-url", required=True, help="the public CSW URL that capabilities advertise"
    )
    parser.add_argument("--title", default=TITLE)
    parser.add_argument("--abstract", default=ABSTRACT)
    parser.add_argument("--provider-name", default=PROVIDER_NAME)
    parser.add_argument("--contact-email", default=CONTACT_EMAIL)
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        parser.error(f"--port {args.port} is not a TCP port")
    if not args.public_url.startswith(("http://", "https://")):
        parser.error(f"--public-url {args.public_url!r} is not an http(s) URL")
    return args


def ini_value(value: str) -> str:
    """``value`` as pycsw's ConfigParser(interpolation=EnvInterpolation) gives it back."""
    if "$" in value:
        raise SystemExit(f"configure.py: pycsw would expand '$' in {value!r}: leave it out")
    if "\n" in value:
        raise SystemExit(f"configure.py: {value!r} spans several lines")
    return value.replace("%", "%%")


def render(sections: dict[str, dict[str, str]]) -> str:
    parser = configparser.RawConfigParser()
    for section, options in sections.items():
        parser.add_section(section)
        for key, value in options.items():
            parser.set(section, key, ini_value(value))
    out = io.StringIO()
    out.write("# Written by deploy/pycsw/configure.py (scripts/pycsw.sh up): edits are replaced.\n")
    parser.write(out)
    return out.getvalue()


def configuration(
    args: argparse.Namespace, state: Path, pycsw_home: Path, manager: bool
) -> dict[str, dict[str, str]]:
    # the manager's capabilities advertise the manager's own address: a CSW
    # client (OWSLib) posts each operation to the URL that capabilities name
    url = f"http://127.0.0.1:{args.port}/manager" if manager else args.public_url
    return {
        "server": {
            "home": str(pycsw_home),
            "url": url,
            "mimetype": "application/xml; charset=UTF-8",
            "encoding": "UTF-8",
            "language": "es-PE",
            "maxrecords": "100",
            "loglevel": "WARNING",
            "logfile": str(state / "pycsw.log"),
            "pretty_print": "true",
            "profiles": "apiso",
        },
        "manager": {
            "transactions": "true" if manager else "false",
            "allowed_ips": MANAGER_ALLOWED_IPS,
        },
        "metadata:main": {
            "identification_title": args.title,
            "identification_abstract": args.abstract,
            "identification_keywords": ",".join(KEYWORDS),
            "identification_keywords_type": "theme",
            "identification_fees": "ninguna",
            "identification_accessconstraints": "ninguna",
            "provider_name": args.provider_name,
            "provider_url": PROVIDER_URL,
            "contact_name": args.provider_name,
            "contact_position": "",
            "contact_address": "",
            "contact_city": "Lima",
            "contact_stateorprovince": "Lima",
            "contact_postalcode": "",
            "contact_country": "Perú",
            "contact_phone": "",
            "contact_fax": "",
            "contact_email": args.contact_email,
            "contact_url": PROVIDER_URL,
            "contact_hours": "",
            "contact_instructions": "",
            "contact_role": "pointOfContact",
        },
        "repository": {
            "database": database_url(state / "records.db"),
            "table": TABLE,
        },
    }


def database_url(path: Path) -> str:
    return f"sqlite:///{path}"  # an absolute path: sqlite:////abs/DIR/records.db


def write_if_changed(path: Path, text: str, mode: int = 0o644) -> bool:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.chmod(mode)
    os.replace(tmp, path)
    return True


def has_table(db: Path, table: str) -> bool:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchall()
    return bool(rows)


def create_repository(db: Path, pycsw_home: Path) -> bool:
    """pycsw's own ``setup_db`` on a new file, moved into place once complete."""
    if db.exists():
        if not has_table(db, TABLE):
            raise SystemExit(f"configure.py: {db} exists without a {TABLE} table: remove it")
        return False
    from pycsw.core import admin

    tmp = db.with_name(db.name + ".new")
    tmp.unlink(missing_ok=True)
    admin.setup_db(database_url(tmp), TABLE, str(pycsw_home))
    os.replace(tmp, db)
    return True


def create_token(path: Path) -> bool:
    if path.exists():
        path.chmod(0o600)
        if len(path.read_text(encoding="utf-8").strip()) < 32:
            raise SystemExit(f"configure.py: {path} holds no usable token: remove it")
        return False
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(secrets.token_urlsafe(32) + "\n")
    return True


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # pycsw 2.6.2 on today's libraries warns on import: pkg_resources
    # (pycsw/__init__.py) and shapely.errors.ReadingError (pycsw/core/repository.py)
    warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
    warnings.filterwarnings("ignore", message="ReadingError is deprecated", category=FutureWarning)
    import pycsw

    assert pycsw.__file__ is not None
    pycsw_home = Path(pycsw.__file__).resolve().parent  # what pycsw sets server.home to
    state: Path = args.state.resolve()
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    done = []
    for name, manager in (("public.cfg", False), ("manager.cfg", True)):
        text = render(configuration(args, state, pycsw_home, manager))
        if write_if_changed(state / name, text):
            done.append(f"wrote {name}")
    if create_repository(state / "records.db", pycsw_home):
        done.append("created records.db")
    if create_token(state / "manager-token"):
        done.append("created manager-token")
    if done:
        print(f"pycsw configuration in {state}: {', '.join(done)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
