"""URLs of issue 20's manage part (joined into coordination/urls.py)."""

urlpatterns = []
