from ansinh.core.navigation import ITEMS


def navigation(request):
    return {"nav_items": ITEMS}
