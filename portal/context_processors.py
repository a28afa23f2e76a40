from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from articles.fragments import request_store
from articles.selectors import menu_categories


def site(request):
    """What every public page shows: the department's details and the main menu.

    The menu is read only if the page renders it: base.html keeps it in a cached
    fragment (articles/fragments.py), so most pages never need it.
    """
    # department_get(), read with the page's other cached parts in one round trip.
    department = request_store(request).department()
    english = get_language() == "en" and department.name_en
    return {
        "department": department,
        # The department's name in the page's language (titles, header, footer).
        "site_name": department.name_en if english else department.name,
        "menu_categories": SimpleLazyObject(menu_categories),
    }
