"""An organization's or group's Members tab only for whoever may open it."""

from __future__ import annotations

import pytest
from ckan.tests import factories

pytestmark = pytest.mark.usefixtures("with_plugins", "clean_db", "clean_index")


@pytest.mark.parametrize("kind", ["organization", "group"])
def test_the_members_tab_leads_somewhere_for_whoever_sees_it(app, kind):
    member = factories.UserWithToken()
    outsider = factories.UserWithToken()
    factory = factories.Organization if kind == "organization" else factories.Group
    group = factory(users=[{"name": member["name"], "capacity": "member"}])
    members = f"/{kind}/members/{group['name']}"

    for token, shown in ((None, False), (outsider["token"], False), (member["token"], True)):
        headers = {"Authorization": token} if token else {}
        page = app.get(f"/{kind}/{group['name']}", headers=headers).get_data(as_text=True)
        assert (f'href="{members}"' in page) is shown
        # where it is shown, it opens; where it is not, the page was refused
        app.get(members, headers=headers, status=200 if shown else 403)
