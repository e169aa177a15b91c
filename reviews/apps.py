from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "reviews"

    def ready(self):
        from scraip.common.navigation import Link, register

        register(
            Link("Reviews", "reviews:programme", order=50, permission="reviews.view_programmes")
        )
