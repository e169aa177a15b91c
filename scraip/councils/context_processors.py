from .rules import is_scrutiny_officer, person_of


def current_person(request):
    """What the header needs to show the right links; cheap for anonymous visitors."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "current_person": person_of(user),
        "nav_is_officer": user.is_superuser or is_scrutiny_officer(user),
    }
