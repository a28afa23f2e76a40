"""What the audit log listens to: logins, account and role changes, admin edits,
workflow transitions and uploads. Connected in AuditConfig.ready."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from core.uploads import upload_checked
from core.workflow import transition_applied

from .services import audit_record

WATCHED_USER_FIELDS = ("username", "email", "is_active", "is_staff", "is_superuser", "password")
PUBLISHED = "published"


def _logged_in(sender, request, user, **kwargs):
    audit_record(actor=user, action="accounts.login.success", obj=user, request=request)


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="accounts.logout", obj=user, request=request)


def _login_failed(sender, credentials, request=None, **kwargs):
    username = str((credentials or {}).get("username", ""))[:150]
    audit_record(action="accounts.login.failure", request=request, object_repr=username,
                 changes={"username": username})


def _user_pre_save(sender, instance, update_fields=None, **kwargs):
    if instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(WATCHED_USER_FIELDS):
        return
    old = sender.objects.filter(pk=instance.pk).values(*WATCHED_USER_FIELDS).first()
    instance._audit_before = old


def _user_saved(sender, instance, created, **kwargs):
    if created:
        audit_record(action="accounts.user.create", obj=instance,
                     changes={f: getattr(instance, f) for f in WATCHED_USER_FIELDS if f != "password"})
        return
    before = getattr(instance, "_audit_before", None)
    if not before:
        return
    changes = {}
    for field in WATCHED_USER_FIELDS:
        old, new = before[field], getattr(instance, field)
        if old != new:
            changes[field] = ["***", "***"] if field == "password" else [old, new]
    instance._audit_before = None
    if changes:
        action = "accounts.user.deactivate" if changes.get("is_active") == [True, False] else "accounts.user.change"
        audit_record(action=action, obj=instance, changes=changes)


def _user_deleted(sender, instance, **kwargs):
    audit_record(action="accounts.user.delete", object_repr=instance.get_username(),
                 changes={"id": instance.pk})


def _groups_changed(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # group.user_set changed: instance is the Group
        names = list(model.objects.filter(pk__in=pk_set or []).values_list("username", flat=True))
        audit_record(action=f"accounts.role.{action[5:]}", obj=instance, changes={"users": names})
    else:
        names = list(Group.objects.filter(pk__in=pk_set or []).values_list("name", flat=True))
        audit_record(action=f"accounts.user.roles_{action[5:]}", obj=instance, changes={"roles": names})


def _group_permissions_changed(sender, instance, action, pk_set, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"}:
        from django.contrib.auth.models import Permission

        codes = [
            f"{app}.{code}"
            for app, code in Permission.objects.filter(pk__in=pk_set or []).values_list(
                "content_type__app_label", "codename"
            )
        ]
        audit_record(action=f"accounts.role.permissions_{action[5:]}", obj=instance,
                     changes={"permissions": codes})


def _admin_logged(sender, instance, created, **kwargs):
    """Every add/change/delete made in the admin (including settings such as the
    department's details, schedules and categories) with Django's change message."""
    if not created:
        return
    verb = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}.get(instance.action_flag, "other")
    model = instance.content_type.model_class() if instance.content_type_id else None
    audit_record(
        actor=instance.user, action=f"admin.{verb}", object_repr=instance.object_repr,
        object_type=model._meta.label_lower if model else "", object_id=instance.object_id or "",
        changes={"message": instance.get_change_message()},
    )


def _object_permission_granted(sender, instance, created, **kwargs):
    if created:
        _object_permission_audit(instance, "accounts.object_permission.grant")


def _object_permission_revoked(sender, instance, **kwargs):
    _object_permission_audit(instance, "accounts.object_permission.revoke")


def _object_permission_audit(instance, action):
    audit_record(
        action=action, object_repr=f"{instance.user} {instance.permission.codename}",
        object_type=instance.content_type.model_class()._meta.label_lower, object_id=instance.object_pk,
        changes={"user": instance.user.get_username(), "permission": instance.permission.codename},
    )


def _transition(sender, workflow, obj, record, actor, **kwargs):
    changes = {"state": [record.from_state, record.to_state]}
    if record.comment:
        changes["comment"] = record.comment[:500]
    if record.reason:
        changes["reason"] = record.reason
    # A workflow may name each move for the log (editorial.verify.approve); else "<workflow>.<action>".
    action = getattr(record, "audit_action", None) or f"{workflow.name}.{record.action}"
    audit_record(actor=actor, action=action, obj=obj, changes=changes)
    if record.to_state == PUBLISHED and record.from_state != PUBLISHED:
        audit_record(actor=actor, action=f"{obj._meta.app_label}.publish", obj=obj)
    elif record.from_state == PUBLISHED and record.to_state != PUBLISHED:
        audit_record(actor=actor, action=f"{obj._meta.app_label}.unpublish", obj=obj,
                     changes={"state": [record.from_state, record.to_state]})


def _upload(sender, accepted, original_name, kind, size, error="", **kwargs):
    audit_record(
        action="upload.accepted" if accepted else "upload.refused",
        object_repr=original_name,
        changes={"kind": kind, "size": size, **({"error": error[:300]} if error else {})},
    )


def connect():
    user_model = get_user_model()
    user_logged_in.connect(_logged_in, dispatch_uid="audit_logged_in")
    user_logged_out.connect(_logged_out, dispatch_uid="audit_logged_out")
    user_login_failed.connect(_login_failed, dispatch_uid="audit_login_failed")
    pre_save.connect(_user_pre_save, sender=user_model, dispatch_uid="audit_user_pre_save")
    post_save.connect(_user_saved, sender=user_model, dispatch_uid="audit_user_saved")
    post_delete.connect(_user_deleted, sender=user_model, dispatch_uid="audit_user_deleted")
    m2m_changed.connect(_groups_changed, sender=user_model.groups.through, dispatch_uid="audit_groups")
    m2m_changed.connect(_group_permissions_changed, sender=Group.permissions.through,
                        dispatch_uid="audit_group_permissions")
    post_save.connect(_admin_logged, sender=LogEntry, dispatch_uid="audit_admin_log")
    transition_applied.connect(_transition, dispatch_uid="audit_transition")
    upload_checked.connect(_upload, dispatch_uid="audit_upload")
    from guardian.models import UserObjectPermission

    post_save.connect(_object_permission_granted, sender=UserObjectPermission, dispatch_uid="audit_objperm_add")
    post_delete.connect(_object_permission_revoked, sender=UserObjectPermission, dispatch_uid="audit_objperm_del")
