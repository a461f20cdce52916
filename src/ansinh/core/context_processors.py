from django.urls import NoReverseMatch, reverse

from ansinh.core.navigation import ITEMS


def navigation(request):
    # An entry shows once its capability has its page; until then it is simply not there.
    items = []
    for item in ITEMS:
        try:
            items.append((item, reverse(item.url_name)))
        except NoReverseMatch:
            continue
    return {"nav_items": items}
