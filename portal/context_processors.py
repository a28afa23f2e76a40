from django.utils.translation import get_language

from articles.selectors import menu_categories
from organisation.selectors import department_get


def site(request):
    """What every public page shows: the department's details and the main menu."""
    department = department_get()
    english = get_language() == "en" and department.name_en
    return {
        "department": department,
        # The department's name in the page's language (titles, header, footer).
        "site_name": department.name_en if english else department.name,
        "menu_categories": menu_categories(),
    }
