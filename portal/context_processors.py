from articles.selectors import menu_categories
from organisation.selectors import department_get


def site(request):
    """What every public page shows: the department's details and the main menu."""
    return {
        "department": department_get(),
        "menu_categories": menu_categories(),
    }
