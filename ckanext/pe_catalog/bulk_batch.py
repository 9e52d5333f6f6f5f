"""One database transaction and one Solr update per batch of imported datasets.

While a batch loads (:func:`one_transaction`), CKAN's session is bound to a
connection whose transaction the importer holds, in SQLAlchemy's
``join_transaction_mode="create_savepoint"`` ("Joining a Session into an
External Transaction", SQLAlchemy 2.0 ORM docs): each dataset is written in a
savepoint of its own, so CKAN's ``Session.commit()`` releases one row's
savepoint and its ``Session.rollback()`` (a rejected row) undoes that row
alone. CKAN's index code (``index_package``) builds each dataset's Solr
document as the dataset is written; the documents are kept, not sent, and go
to Solr in one update at the end of the batch; then the transaction commits.
When that update fails, the transaction is rolled back: nothing of the batch
is written, and Solr has taken none of it.

A batch saves, per dataset, a Solr update request and a database commit, and
the time Solr and PostgreSQL spend on each (a third of an imported row's
cost after the activity, :mod:`ckanext.pe_catalog.bulk_activity`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pysolr
from ckan import model
from ckan.lib.search import SearchIndexError
from ckan.lib.search import index as search_index  # not in toolkit: index_package's connection
from ckan.lib.search.common import make_connection


class KeptDocuments:
    """Stands for the Solr connection of CKAN's ``index_package``, which calls
    ``make_connection().add(docs=[document], commit=...)``: keeps the
    documents (drops them when ``keep`` is off)."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self.documents: list[dict[str, Any]] = []

    def add(self, docs: list[dict[str, Any]], commit: bool = False, **_: Any) -> None:
        if self.keep:
            self.documents.extend(docs)


_open = False


def is_open() -> bool:
    """Whether this process is inside :func:`one_transaction`."""
    return _open


def send(documents: list[dict[str, Any]]) -> None:
    """Index the documents in one Solr update, not committed (the import
    commits Solr once, at its end).

    Raises SearchIndexError, as CKAN's ``index_package`` does, when Solr
    refuses the update or does not answer.
    """
    if not documents:
        return
    try:
        make_connection().add(docs=documents, commit=False)
    except (pysolr.SolrError, OSError) as error:
        raise SearchIndexError(f"Solr returned an error: {str(error)[:1000]}") from error


@contextlib.contextmanager
def one_transaction(write: bool = True) -> Iterator[None]:
    """The batch's datasets in one transaction, and their documents in one
    Solr update, sent when the block ends; then the transaction commits.

    ``write`` off (a dry run): the documents are dropped and the transaction
    is rolled back at the end; meanwhile each row sees the rows before it,
    as in a real run. An exception in the block, or a failed update
    (SearchIndexError), rolls the whole transaction back, and is raised. The
    session is bound to the engine again afterwards (objects loaded
    meanwhile are detached).
    """
    global _open
    engine = model.ensure_engine()
    connection = engine.connect()
    outer = connection.begin()
    kept = KeptDocuments(keep=write)
    model.Session.remove()
    model.Session.configure(bind=connection, join_transaction_mode="create_savepoint")
    original = search_index.make_connection
    search_index.make_connection = lambda: kept  # pyright: ignore[reportAttributeAccessIssue]
    _open = True
    try:
        yield
        search_index.make_connection = original
        if write:
            send(kept.documents)
            outer.commit()
    finally:
        _open = False
        search_index.make_connection = original
        model.Session.remove()
        model.Session.configure(bind=engine, join_transaction_mode="conditional_savepoint")
        if outer.is_active:
            outer.rollback()
        connection.close()
