"""URLs of issue 20's search part (joined into coordination/urls.py)."""

urlpatterns = []
