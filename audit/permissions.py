from organisation.roles import Role, user_has_role


def can_read_audit_log(user):
    return user.is_authenticated and (user.is_superuser or user_has_role(user, Role.SITE_ADMIN))
