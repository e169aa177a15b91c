"""The setup pages of a council, under /setup/."""

from django.urls import path

from .views import bulk, setup

app_name = "councils"

urlpatterns = [
    path("", setup.setup_home, name="setup_home"),
    path("<int:authority>/settings/", setup.authority_settings, name="authority_settings"),
    path("<int:authority>/committees/", setup.committee_list, name="committee_list"),
    path("<int:authority>/committees/add/", setup.committee_add, name="committee_add"),
    path("committees/<int:pk>/", setup.committee_edit, name="committee_edit"),
    path(
        "committees/<int:pk>/history/",
        setup.setup_history,
        {"kind": "committee"},
        name="committee_history",
    ),
    path("<int:authority>/portfolios/", setup.portfolio_list, name="portfolio_list"),
    path("<int:authority>/portfolios/add/", setup.portfolio_add, name="portfolio_add"),
    path("portfolios/<int:pk>/", setup.portfolio_detail, name="portfolio_detail"),
    path("portfolios/<int:pk>/change/", setup.portfolio_edit, name="portfolio_edit"),
    path(
        "portfolios/<int:pk>/history/",
        setup.setup_history,
        {"kind": "portfolio"},
        name="portfolio_history",
    ),
    path("portfolios/<int:pk>/terms/add/", setup.term_add, name="term_add"),
    path("terms/<int:pk>/end/", setup.term_end, name="term_end"),
    path("<int:authority>/people/", setup.person_list, name="person_list"),
    path("<int:authority>/people/add/", setup.person_add, name="person_add"),
    path("people/<int:pk>/", setup.person_edit, name="person_edit"),
    path(
        "people/<int:pk>/history/", setup.setup_history, {"kind": "person"}, name="person_history"
    ),
    path("people/<int:pk>/invite/", setup.person_invite, name="person_invite"),
    path("people/<int:pk>/sign-in/", setup.person_sign_in, name="person_sign_in"),
    path("<int:authority>/import/<slug:kind>/", bulk.bulk_upload, name="bulk_upload"),
    path("<int:authority>/import/<slug:kind>/confirm/", bulk.bulk_confirm, name="bulk_confirm"),
    path(
        "<int:authority>/import/<slug:kind>/template.<slug:fmt>",
        bulk.bulk_template,
        name="bulk_template",
    ),
]
