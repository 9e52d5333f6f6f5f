"""Resource files given by path in an import, and their loading into the DataStore.

In the import format (:mod:`ckanext.pe_catalog.bulk`) a resource may carry
``upload``: the path of a file, relative to the imported file's folder. The
file goes to CKAN's FileStore, as an upload through the form would
(``url_type`` ``upload``). Importing again keeps a resource whose stored file
has the same bytes (same name, same MD5), so a second import uploads nothing
and the DataStore is not reloaded.

Tables uploaded that way are then queued for ckanext-xloader (when that plugin
is enabled): CKAN's ``package_update`` creates their resources without the
``resource_create`` hook xloader listens to.
"""

from __future__ import annotations

import hashlib
import io
import logging
import mimetypes
from pathlib import Path
from typing import Any

import ckan.plugins as p
import ckan.plugins.toolkit as tk

# toolkit exposes no resource uploader: the FileStore's own paths come from here
from ckan.lib import uploader
from werkzeug.datastructures import FileStorage

log = logging.getLogger(__name__)

# what CKAN and ckanext-xloader record about a stored file: still true while
# the file is the same, so an import that keeps the file keeps them too
FILE_FIELDS = (
    "size", "mimetype", "hash", "last_modified", "datastore_active",
    "datastore_contains_all_records_of_source_file",
)  # fmt: skip


def _md5(content: bytes) -> str:
    return hashlib.md5(content, usedforsecurity=False).hexdigest()


def stored_md5(resource: dict[str, Any]) -> str | None:
    """MD5 of the file the FileStore holds for an uploaded resource, or None."""
    if resource.get("url_type") != "upload" or not resource.get("id"):
        return None
    path = getattr(uploader.get_resource_uploader(resource), "get_path", None)
    if path is None:
        return None
    try:
        return _md5(Path(path(resource["id"])).read_bytes())
    except OSError:
        return None


def _error(index: int, message: str) -> tk.ValidationError:
    errors: list[str | dict[str, Any]] = [{} for _ in range(index + 1)]
    errors[index] = {"upload": [message]}
    return tk.ValidationError({"resources": errors})


def same_resources(resources: list[Any], existing: list[dict[str, Any]]) -> list[Any]:
    """``resources`` with each one given by URL alone (no ``id``, no ``upload``)
    matched to the existing resource of that URL: its ``id``, and for an
    uploaded file, the file's fields (``url_type``...).

    An exported dataset carries its resources by URL, an uploaded file's as
    its download address. Loaded back without this, each became a new link to
    that address while the upload it named was deleted with its resource
    (its file, DataStore table and views gone), and every link resource got a
    new id. Resources are matched in order; each existing one at most once.
    """
    unused = [r for r in existing if isinstance(r, dict) and r.get("url")]
    matched: list[Any] = []
    for resource in resources:
        if not isinstance(resource, dict) or resource.get("id") or "upload" in resource:
            matched.append(resource)
            continue
        same = next((r for r in unused if r["url"] == resource.get("url")), None)
        if same is None:
            matched.append(resource)
            continue
        unused.remove(same)
        kept = {"id": same["id"]}
        if same.get("url_type") == "upload":
            kept.update({k: same[k] for k in FILE_FIELDS if same.get(k) not in (None, "")})
            kept["url_type"] = "upload"
        matched.append({**resource, **kept})
    return matched


def with_uploads(
    resources: list[dict[str, Any]],
    existing: list[dict[str, Any]],
    base_dir: Path | None,
    dry_run: bool = False,
) -> tuple[list[dict[str, Any]], list[int]]:
    """``resources`` with each ``upload`` path replaced by the file to upload,
    or by the existing resource that already holds the same bytes; and the
    indexes of the resources whose file is (re)uploaded.

    Raises ValidationError (``resources[i].upload``) for a path that is not a
    readable file under ``base_dir``.
    """
    by_name = {r.get("name"): r for r in existing}
    prepared: list[dict[str, Any]] = []
    uploaded: list[int] = []
    for index, resource in enumerate(resources):
        given = resource.get("upload") if isinstance(resource, dict) else None
        if not isinstance(given, str):
            prepared.append(resource)
            continue
        if base_dir is None:
            raise _error(index, tk._("A file path needs an imported file to be relative to"))
        path = (base_dir / given).resolve()
        if not path.is_relative_to(base_dir.resolve()) or not path.is_file():
            raise _error(
                index,
                tk._("No file {path} next to the imported file").format(path=given),
            )
        content = path.read_bytes()
        metadata = {k: v for k, v in resource.items() if k != "upload"}
        same = by_name.get(resource.get("name"))
        if same and stored_md5(same) == _md5(content):
            kept = {k: same[k] for k in FILE_FIELDS if same.get(k) not in (None, "")}
            prepared.append(
                {**kept, **metadata, "id": same["id"], "url": same["url"], "url_type": "upload"}
            )
            continue
        if dry_run:
            prepared.append({**metadata, "url": path.name, "url_type": "upload"})
            continue
        mimetype = mimetypes.guess_type(path.name)[0]
        upload = FileStorage(
            stream=io.BytesIO(content),
            filename=path.name,
            content_type=mimetype or "application/octet-stream",
        )
        # the type the file's name says, rather than one sniffed from its bytes
        named = {"mimetype": mimetype} if mimetype and not metadata.get("mimetype") else {}
        prepared.append(
            {**metadata, **named, "url": path.name, "url_type": "upload", "upload": upload}
        )
        uploaded.append(index)
    return prepared, uploaded


def submit_to_datastore(resource: dict[str, Any]) -> bool:
    """Queue ckanext-xloader's loading of a table into the DataStore; False when
    xloader is not enabled or does not take the resource's format."""
    if not p.plugin_loaded("xloader"):
        return False
    from ckanext.xloader.utils import XLoaderFormats

    if not XLoaderFormats.is_it_an_xloader_format(resource.get("format")):
        return False
    try:
        return bool(
            tk.get_action("xloader_submit")({"ignore_auth": True}, {"resource_id": resource["id"]})
        )
    except tk.ValidationError as error:  # e.g. no ckanext.xloader.api_token
        log.warning("resource %s not queued for the DataStore: %s", resource["id"], error)
        return False
