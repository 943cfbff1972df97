"""URLs of issue 20's conversations part (joined into coordination/urls.py)."""

urlpatterns = []
