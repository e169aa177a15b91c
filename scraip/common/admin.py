from simple_history.admin import SimpleHistoryAdmin


class NoHardDeleteAdmin(SimpleHistoryAdmin):
    """Records of accountability are soft-deleted from the site's pages, never destroyed here."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        manager = getattr(self.model, "all_objects", self.model._default_manager)
        return manager.get_queryset()
