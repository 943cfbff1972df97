"""URLs of issue 20's results part (joined into coordination/urls.py)."""

urlpatterns = []
