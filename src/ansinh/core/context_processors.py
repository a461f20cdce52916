from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from ansinh.core.navigation import ITEMS


def navigation(request):
    # An entry shows once its capability has its page; until then it is simply not there.
    items = []
    user = getattr(request, "user", None)
    for item in ITEMS:
        if item.shown_to and not (user is not None and import_string(item.shown_to)(user)):
            continue
        try:
            items.append((item, reverse(item.url_name)))
        except NoReverseMatch:
            continue
    return {"nav_items": items}
