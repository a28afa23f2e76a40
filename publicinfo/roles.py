"""Who edits the public information modules: the secretary and the site administrator edit,
the board, leadership and office view (Long An Điều 8, 10). Used by the apps' data migrations."""

from organisation.roles import Role

EDITORS = (Role.SECRETARY, Role.SITE_ADMIN)
VIEWERS = (Role.BOARD_MEMBER, Role.DEPUTY_HEAD, Role.HEAD, Role.LEADERSHIP, Role.OFFICE)


def public_module_permissions(app_label, model_names):
    """{role: ["app.codename", ...]} giving editors add/change/delete/view and viewers view."""
    edit = [
        f"{app_label}.{action}_{model}"
        for model in model_names
        for action in ("add", "change", "delete", "view")
    ]
    view = [f"{app_label}.view_{model}" for model in model_names]
    mapping = {role: list(edit) for role in EDITORS}
    mapping.update({role: list(view) for role in VIEWERS})
    return mapping
