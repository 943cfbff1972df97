"""URLs of issue 20's groups part (joined into coordination/urls.py)."""

urlpatterns = []
