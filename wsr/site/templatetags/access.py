"""Templates ask the apps' permissions modules, never `user.is_staff`:

    {% load access %}
    {% can "assistance.can_manage_case" case as can_manage %}
    {% can "members.is_staff" as is_staff %}

The first part names the app (its `permissions` module; "members" is wsr.members), the
second a predicate there whose name starts with `can_` or `is_`, called as
`predicate(user)` or `predicate(user, obj)` with the request's user."""

from importlib import import_module

from django import template

register = template.Library()

MODULES = {
    "members": "wsr.members.permissions",
    "companies": "wsr.companies.permissions",
}


def predicate(name: str):
    app, _dot, function = name.partition(".")
    if not function.startswith(("can_", "is_")):
        raise template.TemplateSyntaxError(f"{name!r} is not a permission predicate")
    module = import_module(MODULES.get(app, f"{app}.permissions"))
    return getattr(module, function)


@register.simple_tag(takes_context=True)
def can(context, name, obj=None):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    check = predicate(name)
    return check(user) if obj is None else check(user, obj)
