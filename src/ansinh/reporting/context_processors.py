from django.utils.functional import SimpleLazyObject

from ansinh.reporting.selectors_reminders import unread_count


def unread_notices(request):
    """`unread_notices`: how many notices the user has not read, for the bell in the menu.
    Counted only when a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notices": 0}
    return {"unread_notices": SimpleLazyObject(lambda: unread_count(user=user))}
