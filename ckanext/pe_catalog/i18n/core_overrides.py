"""Messages of other catalogs that the suite's Spanish catalog translates or corrects.

CKAN merges every catalog into one per language and the last one merged wins
(``flask_babel.Domain.get_translations``: core's ``ckan`` catalog first, then
each ``ITranslation`` plugin's in the order of ``PluginImplementations``, which
for ``ITranslation`` is the reverse of ``ckan.plugins``: dcat, then pe_catalog).
So an entry of ``ckanext-pe_catalog.po`` with the msgid of CKAN core, of
ckanext-activity (part of core's catalog), ckanext-scheming or ckanext-spatial
(no catalog of their own) or ckanext-dcat replaces their Spanish, or gives
Spanish where they have none. The JavaScript catalog (``/api/i18n/es``, built
by ``ckan.lib.i18n.build_js_translations``) takes the same entries for the
msgids core's JavaScript uses, ours last too.

``setup.py update_catalog`` drops an entry whose msgid no source of the suite
marks as obsolete: this module marks them, so ``make i18n`` keeps them. It is
never imported; the markers below only make extraction see the messages. Each
``TRANSLATORS:`` comment names the catalog the message belongs to and where it
shows; it is copied into the .po file as an extracted comment.

To add one: mark it here with its comment, run ``make i18n``, write its
Spanish in ckanext/pe_catalog/i18n/es/LC_MESSAGES/ckanext-pe_catalog.po,
run ``make i18n`` again (it compiles the .mo).
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks a message for extraction (Babel's default keyword); returns it as is."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """Marks a message with a plural for extraction; returns the English form."""
    return singular if n == 1 else plural


CKAN_CORE = (
    # Missing from core's Spanish (no entry, or an empty one)
    # TRANSLATORS: ckan core: ckan/templates/package/group_list.html (a dataset's groups page)
    N_("There are no groups associated with this dataset."),
    # TRANSLATORS: ckan core: group/ and organization/manage_members.html (aria-label, tooltip)
    N_("Edit role"),
    # TRANSLATORS: ckan core: group/ and organization/manage_members.html (aria-label, tooltip)
    N_("Delete member"),
    # TRANSLATORS: ckan core: ckan/templates/group/manage_members.html (aria-description)
    N_("Edit the role of the user within the group"),
    # TRANSLATORS: ckan core: ckan/templates/organization/manage_members.html (aria-description)
    N_("Edit the role of the user within the organization"),
    # TRANSLATORS: ckan core: ckan/templates/group/manage_members.html (aria-description)
    N_("Delete this member from the group"),
    # TRANSLATORS: ckan core: ckan/templates/organization/manage_members.html (aria-description)
    N_("Delete this member from the organization"),
    # TRANSLATORS: ckanext-activity: package/, group/, organization/changes.html
    N_("View changes from %(old_select)s to %(new_select)s"),
    # TRANSLATORS: ckan core: ckan/lib/search/query.py (a search's sort Solr cannot read);
    # shown through the suite's 400 page and the API's 409 (request_checks.py)
    N_('Invalid "sort" parameter'),
    # TRANSLATORS: ckan core: package/snippets/resources.html (aria-label; not in ckan.pot)
    N_("Manage resource: {name}"),
    # TRANSLATORS: ckan core: package/snippets/resource_view.html (aria-label of the
    # close button of a preview's "Embed" dialog)
    N_("Close modal"),
    # TRANSLATORS: ckan core: ckan/templates/package/resource_read.html (aria-label)
    N_("Current resource: {name}"),
    # TRANSLATORS: ckan core: ckan/templates/package/resource_read.html (aria-label)
    N_("Resource URL: {url}"),
    # TRANSLATORS: ckan core: ckan/templates/snippets/facet_list.html (aria-label of a facet)
    N_("Filter by: {title}"),
    # TRANSLATORS: ckan core: ckan/templates/snippets/facet_list.html (aria-label of a facet item)
    N_("Search datasets by {name}: {label}"),
    # TRANSLATORS: ckan core: ckan/templates/snippets/search_form.html (aria-label)
    N_("Remove applied filter: {value}"),
    # TRANSLATORS: ckan core: ckan/templates/header.html (aria-label of the logo)
    N_("Navigate to Home - {site_title}"),
    # TRANSLATORS: ckan core: ckan/templates/snippets/package_item.html (aria-label)
    N_("Navigate to dataset: {title}"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/resource_item.html (aria-label)
    N_("Navigate to resource: {name_or_id}"),
    # TRANSLATORS: ckan core: ckan/templates/group/snippets/group_item.html (aria-label)
    N_("Open details page for {name}"),
    # TRANSLATORS: ckan core: ckan/templates/group/snippets/group_item.html (tooltip)
    N_("Unlink {name} from the dataset"),
    # TRANSLATORS: ckan core: ckan/templates/home/snippets/search.html (aria-label of a tag)
    N_("Search datasets with the tag: {tag}"),
    # TRANSLATORS: ckan core: ckan/templates/user/snippets/info.html (tooltip)
    N_("This information is visible to you and admins"),
    # TRANSLATORS: ckan core: ckan/templates/package/search.html (link to the API documentation)
    N_("API Docs"),
    # TRANSLATORS: ckan core: ckan/templates/snippets/social.html (heading of the share links)
    N_("Social"),
    # TRANSLATORS: ckan core: package/snippets/package_form.html (button: back to draft)
    N_("Unpublish"),
    # TRANSLATORS: ckan core: package/snippets/search_facets.html (closes the filters)
    N_("close"),
    # TRANSLATORS: ckan core: ckan/templates/user/snippets/api_token_list.html (button)
    N_("Revoke tokens"),
    # TRANSLATORS: ckan core: package/snippets/package_metadata_fields.html (placeholder)
    N_("Joe Bloggs"),
    # TRANSLATORS: ckan core: group/snippets/group_item.html (lists of organizations, groups)
    ngettext("{num} Member", "{num} Members", 2),
    # TRANSLATORS: ckan core: ckan/templates/package/base.html, _(dataset_type.title()) (page title)
    N_("Hta-Report"),
    # TRANSLATORS: ckan core: ckan/templates/package/base.html, _(dataset_type.title()) (page title)
    N_("Scholarship"),
    # TRANSLATORS: ckan core: ckan/templates/package/base.html, _(dataset_type.title()) (page title)
    N_("Environmental-Data"),
    # TRANSLATORS: ckan core: a dataset's state, _(pkg_dict.state) in additional_info.html
    N_("active"),
    # TRANSLATORS: ckan core: a dataset's state, _(pkg_dict.state) in additional_info.html
    N_("draft"),
    # TRANSLATORS: ckan core: a dataset's state, _(pkg_dict.state) in additional_info.html
    N_("deleted"),
    # Werkzeug's error names and descriptions, shown by templates/error_document_template.html
    # TRANSLATORS: werkzeug: name of HTTP error 400 (error pages)
    N_("Bad Request"),
    # TRANSLATORS: werkzeug: name of HTTP error 403 (error pages)
    N_("Forbidden"),
    # TRANSLATORS: werkzeug: name of HTTP error 404 (error pages)
    N_("Not Found"),
    # TRANSLATORS: werkzeug: name of HTTP error 405 (error pages)
    N_("Method Not Allowed"),
    # TRANSLATORS: werkzeug: name of HTTP error 413 (error pages)
    N_("Request Entity Too Large"),
    # TRANSLATORS: werkzeug: name of HTTP error 500 (error pages)
    N_("Internal Server Error"),
    # TRANSLATORS: ckan core: the description of its 500 page (config/middleware/flask_app.py)
    N_("Internal server error"),
    # TRANSLATORS: werkzeug: description of HTTP error 400 (error pages)
    N_("The browser (or proxy) sent a request that this server could not understand."),
    # TRANSLATORS: werkzeug: description of HTTP error 403 (error pages)
    N_(
        "You don't have the permission to access the requested resource. It is either "
        "read-protected or not readable by the server."
    ),
    # TRANSLATORS: werkzeug: description of HTTP error 404 (error pages)
    N_(
        "The requested URL was not found on the server. If you entered the URL manually "
        "please check your spelling and try again."
    ),
    # TRANSLATORS: werkzeug: description of HTTP error 405 (error pages)
    N_("The method is not allowed for the requested URL."),
    # Wrong, literal or inconsistent in core's Spanish
    # TRANSLATORS: ckan core: ckan/templates/header.html (account menu)
    N_("Dashboard"),
    # TRANSLATORS: ckan core: ckan/templates/header.html (account menu)
    N_("Log out"),
    # TRANSLATORS: ckan core: ckan/templates/user/logout_first.html, user menu
    N_("Logout"),
    # TRANSLATORS: ckan core: ckan/templates/header.html
    N_("Log in"),
    # TRANSLATORS: ckan core: ckan/templates/user/login.html (page title and button)
    N_("Login"),
    # TRANSLATORS: ckan core: ckan/templates/header.html (link to the registration form)
    N_("Register"),
    # TRANSLATORS: ckan core: ckan/templates/page.html (aria-label of the breadcrumb)
    N_("Breadcrumb"),
    # TRANSLATORS: ckan core: header search button, search forms
    N_("Search"),
    # TRANSLATORS: ckan core: ckan/templates/header.html (aria-label)
    N_("Toggle navigation"),
    # TRANSLATORS: ckan core: ckan/templates/header.html (sysadmin link)
    N_("Sysadmin settings"),
    # TRANSLATORS: ckan core: ckan/templates/admin/base.html
    N_("Sysadmins"),
    # TRANSLATORS: ckan core: ckan/views/dataset.py (404 page)
    N_("Dataset not found or you have no permission to view it"),
    # TRANSLATORS: ckan core: ckan/views/user.py (403 page of /user/register)
    N_("Unauthorized to register as a user."),
    # TRANSLATORS: ckan core: ckan/views/group.py, for a group and for an organization (404 page)
    N_("Group not found"),
    # TRANSLATORS: ckan core: ckan/logic/validators.py, groups and organizations (form error)
    N_("Group name already exists in database"),
    # TRANSLATORS: ckan core: ckan/templates/package/search.html, snippets/add_dataset.html
    N_("Add Dataset"),
    # TRANSLATORS: ckan core: ckan/templates/group/index.html
    N_("Add Group"),
    # TRANSLATORS: ckan core: ckan/templates/organization/index.html
    N_("Add Organization"),
    # TRANSLATORS: ckan core: ckan/templates/package/group_list.html (button)
    N_("Add to group"),
    # TRANSLATORS: ckan core: ckan/templates/package/resources.html
    N_("Add new resource"),
    # TRANSLATORS: ckan core: delete buttons of the edit forms
    N_("Delete"),
    # TRANSLATORS: ckan core: ckan/templates/organization/index.html (placeholder)
    N_("Search organizations..."),
    # TRANSLATORS: ckan core: ckan/templates/organization/new.html
    N_("Create an Organization"),
    # TRANSLATORS: ckan core: ckan/templates/organization/snippets/organization_form.html
    N_("Create Organization"),
    # TRANSLATORS: ckan core: ckan/templates/group/new.html
    N_("Create a Group"),
    # TRANSLATORS: ckan core: ckan/templates/group/snippets/group_form.html
    N_("Create Group"),
    # TRANSLATORS: ckan core: ckan/templates/group/edit_base.html
    N_("Edit Group"),
    # TRANSLATORS: ckan core: ckan/templates/group/snippets/group_form.html
    N_("Update Group"),
    # TRANSLATORS: ckan core: ckan/templates/group/snippets/group_form.html (placeholder)
    N_("My Group"),
    # TRANSLATORS: ckan core: organization/snippets/organization_form.html (placeholder)
    N_("My Organization"),
    # TRANSLATORS: ckan core: ckan/templates/organization/snippets/helper.html
    N_("What are Organizations?"),
    # TRANSLATORS: ckan core: ckan/templates/group/snippets/helper.html
    N_("What are Groups?"),
    # TRANSLATORS: ckan core: ckan/templates/organization/snippets/helper.html
    N_(
        "CKAN Organizations are used to create, manage and publish collections of datasets. "
        "Users can have different roles within an Organization, depending on their level of "
        "authorisation to create, edit and publish."
    ),
    # TRANSLATORS: ckan core: ckan/templates/group/snippets/helper.html
    N_(
        "You can use CKAN Groups to create and manage collections of datasets. This could be "
        "to catalogue datasets for a particular project or team, or on a particular theme, or "
        "as a very simple way to help people find and search your own published datasets."
    ),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/package_form.html (new dataset)
    N_(
        "A CKAN Dataset is a collection of data resources (such as files), together with a "
        "description and other information, at a fixed URL. Datasets are what users see when "
        "searching for data."
    ),
    # TRANSLATORS: ckan core: ckan/templates/package/new_package_form.html
    N_("Create Dataset"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/package_form.html
    N_("Next: Add Data"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/package_basic_fields.html
    N_("Please select the license"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/package_metadata_fields.html
    N_("Maintainer"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/package_metadata_fields.html
    N_("Author Email"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/package_metadata_fields.html
    N_("Maintainer Email"),
    # TRANSLATORS: ckan core: ckan/templates/package/read_base.html
    N_("Additional Info"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/resources_list.html
    N_("Data and Resources"),
    # TRANSLATORS: ckan core: ckan/templates/package/search.html (mobile button)
    N_("Filter Results"),
    # TRANSLATORS: ckan core: ckan/templates/package/group_list.html
    N_("Associate this group with this dataset"),
    # TRANSLATORS: ckan core: ckan/templates/macros/form (mark of a required field)
    N_("Required field"),
    # TRANSLATORS: ckan core: ckan/templates/macros/form/image_upload.html
    N_("Clear Upload"),
    # TRANSLATORS: ckan core: ckan/templates/package/resource_read.html
    N_("Click here for more information."),
    # TRANSLATORS: ckan core: ckan/templates/package/resource_read.html
    N_("No view has been created that is suitable for this resource"),
    # TRANSLATORS: ckan core: ckan/templates/package/resource_read.html
    N_("The site administrators may not have enabled the relevant view plugins"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/package_basic_fields.html
    N_("E.g. environment"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/license.html
    N_("This dataset satisfies the Open Definition."),
    # TRANSLATORS: ckan core: ckan/templates/user/dashboard_datasets.html
    N_("My Datasets"),
    # TRANSLATORS: ckan core: ckan/templates/user/dashboard_groups.html
    N_("My Groups"),
    # TRANSLATORS: ckan core: ckan/templates/user/dashboard_datasets.html
    N_("You haven't created any datasets."),
    # TRANSLATORS: ckan core: ckan/templates/user/dashboard_groups.html
    N_("You are not a member of any groups."),
    # TRANSLATORS: ckan core: ckan/templates/user/login.html
    N_("Forgot your password?"),
    # TRANSLATORS: ckan core: ckan/templates/user/login.html
    N_("Forgotten your password?"),
    # TRANSLATORS: ckan core: ckan/templates/user/edit_user_form.html
    N_("Change password"),
    # TRANSLATORS: ckan core: ckan/templates/user/edit_user_form.html
    N_("Change details"),
    # TRANSLATORS: ckan core: ckan/templates/user/new.html
    N_("Register for an Account"),
    # TRANSLATORS: ckan core: ckan/templates/user/new_user_form.html
    N_("Create Account"),
    # TRANSLATORS: ckan core: ckan/templates/user/new_user_form.html
    N_("Full Name"),
    # TRANSLATORS: ckan core: ckan/templates/user/new_user_form.html, edit_user_form.html
    N_("Confirm Password"),
    # TRANSLATORS: ckan core: ckan/templates/user/edit_user_form.html
    N_("Update Profile"),
    # TRANSLATORS: ckan core: ckan/templates/user/list.html
    N_("All Users"),
    # TRANSLATORS: ckan core: ckan/templates/user/list.html
    N_("Search Users"),
    # TRANSLATORS: ckan core: ckan/templates/user/read_base.html
    N_("Member Since"),
    # TRANSLATORS: ckan core: ckan/templates/user/edit.html
    N_("Account Info"),
    # TRANSLATORS: ckan core: ckan/templates/user/edit.html
    N_("Your profile lets other CKAN users know about who you are and what you do."),
    # TRANSLATORS: ckan core: ckan/templates/user/edit_user_form.html (placeholder)
    N_("A little information about yourself"),
    # TRANSLATORS: ckan core: ckan/templates/user/read_base.html
    N_("You have not provided a biography."),
    # TRANSLATORS: ckan core: ckan/templates/user/request_reset.html
    N_("Request Reset"),
    # TRANSLATORS: ckan core: ckan/templates/user/api_tokens.html
    N_("Create API Token"),
    # TRANSLATORS: ckan core: ckan/templates/user/edit_user_form.html
    N_("Email"),
    # TRANSLATORS: ckan core: ckan/templates/admin/config.html
    N_("Site Title"),
    # TRANSLATORS: ckan core: ckan/templates/admin/config.html
    N_("Custom Stylesheet"),
    # TRANSLATORS: ckan core: ckan/templates/admin/config.html
    N_("Custom CSS"),
    # TRANSLATORS: ckan core: ckan/templates/admin/config.html
    N_("Update Config"),
    # TRANSLATORS: ckan core: ckan/templates/admin/config.html
    N_("Confirm Reset"),
    # TRANSLATORS: ckan core: ckan/templates/admin/index.html
    N_("Current Sysadmins"),
    # TRANSLATORS: ckan core: ckan/templates/admin/index.html
    N_("Revoke Sysadmin permission"),
    # TRANSLATORS: ckan core: ckan/templates/admin/index.html
    N_("Promote user to Sysadmin"),
    # TRANSLATORS: ckan core: ckan/templates/admin/index.html (button)
    N_("Promote"),
    # TRANSLATORS: ckan core: ckan/templates/admin/trash.html (button)
    N_("Purge all"),
    # TRANSLATORS: ckan core: confirmation dialogs of deletions
    N_("Confirm Delete"),
    # TRANSLATORS: ckan core: ckan/templates/package/snippets/package_metadata_fields.html
    N_("Custom Field"),
    # ckanext-activity (its messages are in core's catalog)
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/snippets/activities/ (aria-label)
    N_("Activity occurred on: {time}"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/admin/activities.html
    N_("Activities"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/admin/activities.html
    N_("Delete activities older than a day"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/admin/activities.html
    N_("Delete activities older than a month"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/admin/activities.html
    N_("Delete activities older than a year"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/admin/activities.html
    N_("Delete all"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/admin/activities.html
    N_("Delete all activities"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/admin/activities.html
    N_("Purge activities by age. Use 'ckan clean activities' via CLI for more options."),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/admin/activities.html
    N_(
        "Purge activity stream entries by age. Each option shows how many activities would "
        "be deleted. Purging is irreversible."
    ),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/dashboard.html
    N_("News feed"),
    # TRANSLATORS: ckanext-activity: activity pages (tab and heading)
    N_("Activity Stream"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/user/snippets/followee_dropdown.html
    N_("Search list..."),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/user/snippets/followee_dropdown.html
    N_("You are not following anything"),
    # TRANSLATORS: ckanext-activity: ckanext/activity/templates/user/snippets/followee_dropdown.html
    N_("Activity from items that I'm following"),
)

CKAN_CORE_JAVASCRIPT = (
    # TRANSLATORS: ckan core JavaScript: modules/image-upload.js (served by /api/i18n/es)
    N_("File"),
    # TRANSLATORS: ckan core JavaScript: modules/image-upload.js (served by /api/i18n/es)
    N_("Upload a file on your computer"),
    # TRANSLATORS: ckan core JavaScript: modules/image-upload.js (served by /api/i18n/es)
    N_("Please select the file to upload again"),
    # TRANSLATORS: ckan core JavaScript: modules/image-upload.js (served by /api/i18n/es)
    N_("Link to a URL on the internet (you can also link to an API)"),
    # TRANSLATORS: ckan core JavaScript: modules/*.js (served by /api/i18n/es)
    N_("Hide"),
    # TRANSLATORS: ckan core JavaScript: modules/custom-fields.js (served by /api/i18n/es)
    N_("Add Filter"),
    # TRANSLATORS: ckan core JavaScript: modules/api-info.js (served by /api/i18n/es)
    N_("Failed to load data API information"),
    # TRANSLATORS: ckan core JavaScript: modules/autocomplete.js (served by /api/i18n/es)
    N_("Searching..."),
    # TRANSLATORS: ckan core JavaScript: modules/confirm-action.js (served by /api/i18n/es)
    N_("Please Confirm"),
    # TRANSLATORS: ckan core JavaScript: htmx-ckan.js (served by /api/i18n/es)
    N_("Notification"),
    # TRANSLATORS: ckan core JavaScript: modules/resource-reorder.js (served by /api/i18n/es)
    N_(
        "You can rearrange the resources by dragging them using the arrow icon. Drag the "
        "resource to the right and place it to the desired location on the list. When you "
        'are done, click the "Save order" -button.'
    ),
)

# The DataStore table preview (ckanext-datatablesview, part of core's catalog,
# with no Spanish for these)
CKAN_DATATABLES_VIEW = (
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Copy to clipboard"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Print"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("TABLE FILTER"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("COLUMN FILTER/S"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("seconds"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Double-click to reset filters"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Table/List toggle"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Toggle column visibility"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Restore visibility"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Show all"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Show none"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Filtered"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Filtered download"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Share current view"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Copied deeplink to clipboard"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("(estimated)"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Sort"),
    # TRANSLATORS: ckan core JavaScript: ckanext/datatablesview/assets/datatablesview.js
    N_("Press SHIFT key while clicking on\nsort control for multi-column sort"),
    # TRANSLATORS: ckan core: ckanext/datatablesview/templates (the preview's settings)
    N_("Refit"),
    # TRANSLATORS: ckan core: ckanext/datatablesview/templates (the preview's settings)
    N_("Hide All"),
    # TRANSLATORS: ckan core: ckanext/datatablesview/templates (the preview's settings)
    N_("Show All"),
    # TRANSLATORS: ckan core: ckanext/datatablesview/templates (the preview's settings)
    N_("List view/Responsive display"),
)

CKANEXT_SCHEMING = (
    # TRANSLATORS: ckanext-scheming: ckanext/scheming/validation.py (multiple choice, form error)
    N_("Select at least one"),
)

CKANEXT_SPATIAL = (
    # TRANSLATORS: ckanext-spatial: templates/spatial/snippets/dataset_map*.html (map heading)
    N_("Dataset extent"),
    # TRANSLATORS: ckanext-spatial: templates/spatial/snippets/spatial_query.html (search map)
    N_("Filter by location"),
    # TRANSLATORS: ckanext-spatial: templates/spatial/snippets/spatial_query.html (link)
    N_("Clear"),
    # TRANSLATORS: ckanext-spatial: templates/spatial/snippets/spatial_query.html (button)
    N_("Apply"),
    # TRANSLATORS: ckanext-spatial: templates/spatial/snippets/spatial_query.html
    N_("Draw an extent"),
    # TRANSLATORS: ckanext-spatial: templates/spatial/snippets/spatial_query.html
    N_("Please draw query extent in the map:"),
)


# --- added after a fresh user's try of the portal (issue 13) -----------------

# TRANSLATORS: CKAN core, the last step of a new dataset's resource form (button)
N_("Publish")
# TRANSLATORS: CKAN core, hidden name of each tag link on a dataset page
N_("Search datasets with the tag: {name}")
# TRANSLATORS: CKAN core, hidden name of the resource links in a dataset's sidebar
N_("Navigate to resource: {name}")
# TRANSLATORS: CKAN core, organization's bulk-edit page, hidden name of a dataset link
N_("Open details page for dataset - {title}")
# TRANSLATORS: CKAN core, a select's validation error (%s: the allowed values)
N_("Value must be one of %s")
# TRANSLATORS: ckanext-scheming, a choice field's validation error (%s: the value given)
N_('unexpected choice "%s"')
# TRANSLATORS: CKAN core, help under Markdown fields (core's Spanish used voseo: "Podés")
N_(
    'You can use <a href="#markdown" title="Markdown quick reference" data-bs-toggle="popover" '
    'data-bs-content="%(markdown_tooltip)s" data-bs-html="true">Markdown formatting</a> here'
)
# TRANSLATORS: CKAN core, a tag's validation error (core's Spanish: "carácteres")
N_(
    'Tag "%s" can only contain alphanumeric characters, spaces (" "), hyphens ("-"), '
    'underscores ("_") or dots (".")'
)
# TRANSLATORS: CKAN core, the resource form's button on an existing dataset (core: "Añade")
N_("Add")
# TRANSLATORS: CKAN core, title of the page adding a resource
N_("Add data to the dataset")
# TRANSLATORS: CKAN core, breadcrumb of the page adding a resource (core: title case)
N_("Add New Resource")
